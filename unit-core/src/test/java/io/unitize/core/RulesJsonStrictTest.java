package io.unitize.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The codec is strict and its refusals are true, complete and bounded. {@link UnitRules#fromJson} is the
 * one decode path of every reader: the control center's PUT and store, the publisher, and every agent's
 * {@code RulesSubscriber} (pushed documents and the snapshot file), so a document refused here is refused
 * by all of them.
 */
class RulesJsonStrictTest {

    private static final String EXAMPLE = Fixtures.resource("/rules/example.json");

    private static List<String> refused(String json) {
        InvalidRulesException e = catchThrowableOfType(() -> UnitRules.fromJson(json), InvalidRulesException.class);
        assertThat(e).as("refused: %s", json.length() > 300 ? json.substring(0, 300) : json).isNotNull();
        assertThat(e.getMessage()).isEqualTo("rules document refused: " + String.join("; ", e.violations()));
        return e.violations();
    }

    // --- one document, nothing after it ---

    @ParameterizedTest(name = "after the document: {0}")
    @CsvSource(delimiter = '|', value = {
            "' garbage' | 2 | garbage",
            "{}       | 1 | {}",
            "]        | 1 | ]",
            "'\\n\\n  {\"version\": 43}' | 3 | {\"version\": 43}",
    })
    void contentAfterTheDocumentIsRefusedNamingWhereAndWhat(String after, int column, String shown) {
        String tail = after.replace("\\n", "\n");
        int line = 19 + (int) tail.chars().filter(c -> c == '\n').count();
        assertThat(refused(EXAMPLE + tail)).containsExactly("rules JSON must be exactly one document, but content follows its end at line "
                + line + ", column " + column + ": '" + shown + "'");
    }

    @Test
    void aLongTailIsQuotedOnlyInPart() {
        String tail = "x".repeat(100_000);
        assertThat(refused(EXAMPLE + tail)).containsExactly("rules JSON must be exactly one document, but content follows its end at line "
                + "19, column 1: '" + "x".repeat(32) + "... (100000 characters)'");
    }

    @Test
    void whitespaceAfterTheDocumentIsFine() {
        assertThat(UnitRules.fromJson(EXAMPLE + " \t\r\n\n").version()).isEqualTo(42);
    }

    // --- no key twice, at any depth ---

    @Test
    void aKeyTwiceAtTheTopIsRefusedInsteadOfTheLastOneWinning() {
        String json = EXAMPLE.replace("\"version\": 42,", "\"version\": 11, \"version\": 9,");
        assertThat(refused(json)).containsExactly(
                "rules JSON has key 'version' twice in the document's top-level object (line 2, column 27); each key may appear only once");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"unit\": \"unit-b\"}                  | routes[0]  | \"unit\": \"unit-b\", \"unit\": \"center\"}",
            "\"gateway\": \"http://127.0.0.1:28080\" | units[1]   | \"gateway\": \"http://127.0.0.1:28080\", \"gateway\": \"http://evil\"",
            "\"slotCount\": 10000                 | transform  | \"slotCount\": 10000, \"slotCount\": 10",
            "{\"from\": 2000, \"to\": 2999}         | freezes[0] | {\"from\": 2000, \"to\": 2999, \"to\": 2000}",
    })
    void aKeyTwiceInANestedObjectIsRefusedNamingTheObject(String original, String object, String duplicated) {
        String json = EXAMPLE.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(duplicated));
        assertThat(json).isNotEqualTo(EXAMPLE);
        assertThat(refused(json)).singleElement().asString()
                .startsWith("rules JSON has key '")
                .contains("' twice in the object at " + object + " (line ")
                .endsWith("); each key may appear only once");
    }

    @Test
    void aKeyTwiceInAnUnknownFieldIsRefusedToo() {
        String json = EXAMPLE.replace("\"author\"", "\"ext\": {\"a\": [{\"b\": 1, \"b\": 2}]}, \"author\"");
        assertThat(refused(json)).singleElement().asString().contains("key 'b' twice in the object at ext.a[0]");
    }

    // --- numbers: the field's range, the value as given ---

    @Test
    void aVersionBeyond64BitsNamesTheRange() {
        String json = EXAMPLE.replace("\"version\": 42", "\"version\": 99999999999999999999");
        assertThat(refused(json)).containsExactly(
                "field 'version' must be an integer in 1..9223372036854775807 (64 bits), but was 99999999999999999999");
    }

    @ParameterizedTest(name = "slotCount {0}")
    @CsvSource(delimiter = '|', value = {
            "5000000000           | <= 1000000",
            "2147483648           | <= 1000000",
            "99999999999999999999 | <= 1000000",
            "-99999999999999999999 | > 0",
    })
    void aSlotCountOutOfRangeReportsTheValueGivenNotAClampedOne(String given, String rule) {
        String json = EXAMPLE.replace("\"slotCount\": 10000", "\"slotCount\": " + given);
        assertThat(refused(json)).containsExactly("transform.slotCount must be " + rule + ", but was " + given);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "to   | 99999999999999999999",
            "to   | 3000000000",
            "from | -3000000000",
    })
    void aSlotNumberBeyondTheSlotSpaceTypeNamesTheSlotSpace(String field, String given) {
        String json = EXAMPLE.replace("\"from\": 2000, \"to\": 9999", field.equals("to") ? "\"from\": 2000, \"to\": " + given
                : "\"from\": " + given + ", \"to\": 9999");
        assertThat(refused(json)).containsExactly("field 'routes[1]." + field + "' must be a slot in the slot space 0..9999, but was " + given);
    }

    @Test
    void aFractionIsNotAnInteger() {
        String json = EXAMPLE.replace("\"version\": 42", "\"version\": 42.5");
        assertThat(refused(json)).containsExactly("field 'version' must be an integer, but was 42.5");
    }

    // --- unit codes: ASCII only, shown escaped where they appear ---

    @Test
    void aUnitCodeWithACyrillicLetterIsRefusedWhereverItAppearsWithTheLetterEscaped() {
        String json = EXAMPLE.replace("\"center\"", "\"c\u0435nter\""); // U+0435 looks like an 'e'
        List<String> v = refused(json);
        assertThat(v).containsExactly(
                "units[0].code 'c\\u0435nter' must be 1-32 characters of ASCII a-z, 0-9 and '-', but character 2 is '\\u0435'",
                "routes[1] 2000-9999 unit 'c\\u0435nter' must be 1-32 characters of ASCII a-z, 0-9 and '-', but character 2 is '\\u0435'");
        assertThat(String.join("", v)).doesNotContain("\u0435");
    }

    @Test
    void aUnitCodeWrittenAsAJsonEscapeIsTheSameCharacter() {
        String json = EXAMPLE.replace("\"code\": \"unit-b\"", "\"code\": \"unit-\\u0432\"");
        assertThat(refused(json)).contains("units[1].code 'unit-\\u0432' must be 1-32 characters of ASCII a-z, 0-9 and '-', "
                + "but character 6 is '\\u0432'");
    }

    @Test
    void aTooLongUnitCodeIsRefusedAndShownOnlyInPart() {
        String code = "u".repeat(100_000);
        String json = EXAMPLE.replace("\"unit-b\"", "\"" + code + "\"");
        List<String> v = refused(json);
        assertThat(v).hasSize(2).allSatisfy(m -> assertThat(m).hasSizeLessThan(300));
        assertThat(v.get(0)).isEqualTo("units[1].code '" + "u".repeat(64) + "... (100000 characters)' must be 1-32 characters of ASCII "
                + "a-z, 0-9 and '-', but it has 100000 characters");
    }

    @Test
    void aUnitCodeOf33CharactersIsRefused() {
        String code = "a".repeat(33);
        String json = EXAMPLE.replace("\"unit-b\"", "\"" + code + "\"");
        assertThat(refused(json)).contains("units[1].code '" + code + "' must be 1-32 characters of ASCII a-z, 0-9 and '-', but it has 33 characters");
    }

    // --- long refusals are summarized ---

    @Test
    void thousandsOfFaultyRoutesGiveAShortMessageSummarizingTheRanges() {
        StringBuilder routes = new StringBuilder();
        for (int s = 0; s < 10_000; s += 2) { // every other slot, to an undeclared unit
            routes.append(s == 0 ? "" : ",\n").append("    {\"from\": ").append(s).append(", \"to\": ").append(s)
                    .append(", \"unit\": \"unit-x\"}");
        }
        String json = EXAMPLE.replaceAll("(?s)\"routes\": \\[.*?]", "\"routes\": [\n" + routes + "\n  ]");
        InvalidRulesException e = catchThrowableOfType(() -> UnitRules.fromJson(json), InvalidRulesException.class);
        assertThat(e.violations()).containsExactly(
                "routes[0] 0-0 names unknown unit 'unit-x' (units: center, unit-b)",
                "routes[1] 2-2 names unknown unit 'unit-x' (units: center, unit-b)",
                "routes[2] 4-4 names unknown unit 'unit-x' (units: center, unit-b)",
                "and 4997 more routes name units that are not declared: routes 3-4999",
                "routes leave slots 1-1 without a unit (gap)",
                "routes leave slots 3-3 without a unit (gap)",
                "routes leave slots 5-5 without a unit (gap)",
                "and 4997 more gaps leave 4997 slots without a unit: slots 7, 9, 11, 13, 15, 17, ... (4997 ranges in all)");
        assertThat(e.getMessage()).hasSizeLessThan(1000);
    }

    @Test
    void aFieldMissingInThousandsOfRoutesIsReportedAsOneRange() {
        StringBuilder routes = new StringBuilder();
        for (int s = 0; s < 10_000; s++) {
            routes.append(s == 0 ? "" : ",\n").append("    {\"from\": ").append(s).append(", \"to\": ").append(s).append('}');
        }
        String json = EXAMPLE.replaceAll("(?s)\"routes\": \\[.*?]", "\"routes\": [\n" + routes + "\n  ]");
        assertThat(refused(json)).containsExactly(
                "field 'routes[0].unit' is missing",
                "field 'routes[1].unit' is missing",
                "field 'routes[2].unit' is missing",
                "and 9997 more routes have the same fault in field 'unit': routes 3-9999");
    }

    @Test
    void overlapsAndScatteredIndexesAreSummarizedToo() {
        UnitRules.Builder b = Fixtures.twoUnits(1).routes(List.of());
        b.route(0, 9999, "center");
        for (int i = 0; i < 20; i++) {
            b.route(i * 10, i * 10, i % 2 == 0 ? "unit-b" : "nowhere");
        }
        InvalidRulesException e = catchThrowableOfType(b::build, InvalidRulesException.class);
        assertThat(e.violations()).contains(
                "and 7 more routes name units that are not declared: routes 8, 10, 12, 14, 16, 18, ... (7 ranges in all)",
                "and 17 more overlaps between routes, on 17 slots: 30, 40, 50, 60, 70, 80, ... (17 ranges in all)");
    }

    // --- read faults do not hide the document's other faults ---

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"author", "updatedAt", "version"})
    void aMissingMetadataFieldIsReportedTogetherWithTheRulesItBreaks(String field) {
        String json = EXAMPLE.replaceAll("  \"" + field + "\": [^\\n]*\\n", "")
                .replace("\"from\": 2000, \"to\": 9999", "\"from\": 2500, \"to\": 9999");
        assertThat(refused(json)).containsExactly("field '" + field + "' is missing", "routes leave slots 2000-2499 without a unit (gap)");
    }

    @Test
    void readFaultsAndRuleViolationsAreReportedTogether() {
        String json = EXAMPLE.replace("\"role\": \"UNIT\"", "\"role\": \"EDGE\"")
                .replace("\"reason\": \"move slots 2000-2999 to unit-b\",", "\"reason\": 7,")
                .replace("\"from\": 2000, \"to\": 2999", "\"from\": 2999, \"to\": 2000");
        assertThat(refused(json)).containsExactly(
                "field 'reason' must be a string, but was 7",
                "field 'units[1].role' of unit 'unit-b' must be CENTER or UNIT, but was 'EDGE'",
                "freezes[0] 2999-2000: from must be <= to");
    }

    @Test
    void aFieldThatCouldNotBeReadIsNotJudgedAgain() {
        // the center's role cannot be read: no second, false "none has role CENTER";
        // a route's range cannot be read: no false gap where it would have been
        String json = EXAMPLE.replace("\"role\": \"CENTER\"", "\"role\": 1")
                .replace("\"from\": 2000, \"to\": 9999", "\"from\": \"2000\", \"to\": 9999")
                .replace("\"author\": \"alice\"", "\"author\": null");
        assertThat(refused(json)).containsExactly(
                "field 'author' is missing",
                "field 'units[0].role' must be a string, but was 1",
                "field 'routes[1].from' must be an integer, but was \"2000\"");
    }

    @Test
    void aBrokenTransformStillReportsTheOtherFields() {
        String json = EXAMPLE.replace("\"slotCount\": 10000", "\"slotCount\": 5000000000").replace("\"author\": \"alice\",\n", "");
        assertThat(refused(json)).containsExactly("field 'author' is missing", "transform.slotCount must be <= 1000000, but was 5000000000");
    }
}
