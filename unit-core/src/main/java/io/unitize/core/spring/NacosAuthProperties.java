package io.unitize.core.spring;

import io.unitize.core.nacos.NacosCredentials;

/**
 * The credentials of a Nacos with authentication on, as properties: {@code username} /
 * {@code password} and / or {@code access-key} / {@code secret-key}. Extended by every
 * properties class that names a Nacos ({@code unitize.rules.*}, {@code unitize.redis.clusters.*}).
 */
public class NacosAuthProperties {

    /** User name for this Nacos when it has authentication on (with {@code password}). */
    private String username;
    /** Password of {@code username}. */
    private String password;
    /** Access key for this Nacos (with {@code secret-key}), for servers that check signed requests. */
    private String accessKey;
    /** Secret key of {@code access-key}. */
    private String secretKey;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    /** The credentials set here, validated (a user name needs its password, an access key its secret key). */
    public NacosCredentials credentials() {
        return NacosCredentials.of(username, password, accessKey, secretKey);
    }
}
