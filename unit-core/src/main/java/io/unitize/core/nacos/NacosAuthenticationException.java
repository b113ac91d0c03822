package io.unitize.core.nacos;

import com.alibaba.nacos.api.exception.NacosException;
import io.unitize.core.UnitizeException;

import java.util.Locale;

/**
 * A Nacos server with authentication on refused a Unitize client: no credentials, a wrong
 * password, or a user without permission on the namespace/group. The message names the server,
 * the user (never a secret), what Nacos answered and which properties to set.
 */
public class NacosAuthenticationException extends UnitizeException {

    public NacosAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether Nacos refused a call for want of (valid) credentials or permissions: code 401/403,
     * or the auth plugin's words ("authorization failed", "user not found", "token invalid"...).
     */
    public static boolean isRefusal(NacosException e) {
        int code = e.getErrCode();
        String msg = String.valueOf(e.getErrMsg()).toLowerCase(Locale.ROOT);
        return code == NacosException.NO_RIGHT || code == 401 || msg.contains("authorization failed")
                || msg.contains("user not found") || msg.contains("unknown user") || msg.contains("token invalid")
                || msg.contains("token expired");
    }
}
