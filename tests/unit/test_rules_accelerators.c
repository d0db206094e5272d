/*
 * The worked accelerator examples of the reference (§6), each its own test: the
 * classification under the October 2022 rule (on 2023-03-01) and the October 2023
 * rule (on 2024-03-01), and whether the advanced-computing licence rule fires for
 * China on those dates. Inputs are the table's published figures.
 */
#include "test_rules_support.h"

#define DAY_2022_RULE "2023-03-01"
#define DAY_2023_RULE "2024-03-01"

/* An item from its parameters JSON; classified on a day; returns the ECCNs met, comma-joined. */
static void classify_item(const char *params, const char *day, char *out, size_t size, char *message,
                          size_t msize)
{
	char text[1024];
	snprintf(text, sizeof(text),
	         "{\"date\":\"%s\",\"destination\":\"CN\",\"parties\":[{\"role\":\"end_user\",\"name\":\"X\","
	         "\"country\":\"CN\"}],\"items\":[{\"description\":\"accelerator\",\"hs_code\":\"847330\","
	         "\"parameters\":%s}]}",
	         day, params);
	txn t;
	out[0] = '\0';
	if (txn_text(text, &t))
		return;
	json_t *c = rules_classify(default_pack(), &t.items[0], t.date);
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(c, "classification"), i, v)
	{
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%s%s", n ? "," : "", json_string_value(v));
	}
	snprintf(message, msize, "%s", json_string_value(json_object_get(c, "message")));
	json_decref(c);
	txn_free(&t);
}

/* Whether an advanced-computing licence rule fires for this item to China on the day. */
static int licence_to_china(const char *params, const char *day)
{
	char text[1024];
	snprintf(text, sizeof(text),
	         "{\"date\":\"%s\",\"destination\":\"CN\",\"end_use\":{\"category\":\"civil\"},\"parties\":[{\"role\":"
	         "\"end_user\",\"name\":\"X\",\"country\":\"CN\"}],\"items\":[{\"description\":\"accelerator\","
	         "\"hs_code\":\"847330\",\"parameters\":%s}]}",
	         day, params);
	txn t;
	rules_result r;
	if (txn_text(text, &t) || evaluate(&t, &r) < 0)
		return -1;
	int yes = fired(&r, "adv-computing-prc-2022", RULES_LICENSE_REQUIRED) ||
	          fired(&r, "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	rules_result_free(&r);
	txn_free(&t);
	return yes;
}

static void check_chip(const char *params, const char *cls2022, const char *cls2023)
{
	char got[128], msg[256];
	classify_item(params, DAY_2022_RULE, got, sizeof(got), msg, sizeof(msg));
	CHECK_STR(got, cls2022);
	classify_item(params, DAY_2023_RULE, got, sizeof(got), msg, sizeof(msg));
	CHECK_STR(got, cls2023);
	CHECK_INT(licence_to_china(params, DAY_2022_RULE), cls2022[0] != '\0');
	CHECK_INT(licence_to_china(params, DAY_2023_RULE), cls2023[0] != '\0');
}

/* 312 x 16 = 4,992 >= 4,800 and NVLink 600 GB/s: 3A090.a under both rules */
static void test_a100(void)
{
	check_chip("{\"bit_length\":16,\"dense_tops\":312,\"die_area_mm2\":826,\"interconnect_gbps\":600}", "3A090.a",
	           "3A090.a");
}

/* same compute, 400 GB/s: outside the 2022 rule, 3A090.a under the 2023 rule */
static void test_a800(void)
{
	check_chip("{\"bit_length\":16,\"dense_tops\":312,\"die_area_mm2\":826,\"interconnect_gbps\":400}", "",
	           "3A090.a");
}

/* FP8 1,978.9 x 8 = 15,831 */
static void test_h100(void)
{
	check_chip("{\"bit_length\":8,\"dense_tops\":1978.9,\"die_area_mm2\":814,\"interconnect_gbps\":900}",
	           "3A090.a", "3A090.a");
}

static void test_h800(void)
{
	check_chip("{\"bit_length\":8,\"dense_tops\":1978.9,\"die_area_mm2\":814,\"interconnect_gbps\":400}", "",
	           "3A090.a");
}

/* 148 x 16 = 2,368; PD 2.91: fails .a, .b.1 (< 2,400) and .b.2 (PD < 3.2) */
static void test_h20(void)
{
	const char *h20 = "{\"bit_length\":16,\"dense_tops\":148,\"die_area_mm2\":814,\"interconnect_gbps\":900}";
	check_chip(h20, "", "");
	/* without the die area the 2023 rule cannot be applied: 1,600 <= TPP < 4,800 */
	char got[128], msg[256];
	classify_item("{\"bit_length\":16,\"dense_tops\":148}", DAY_2023_RULE, got, sizeof(got), msg, sizeof(msg));
	CHECK_STR(got, "");
	CHECK_STR(msg, "cannot classify: missing die_area_mm2");
	/* and the licence rule says review, not clear */
	txn t;
	rules_result r;
	REQUIRE(txn_text("{\"date\":\"2024-03-01\",\"destination\":\"CN\",\"end_use\":{\"category\":\"civil\"},"
	                 "\"parties\":[{\"role\":\"end_user\",\"name\":\"X\",\"country\":\"CN\"}],"
	                 "\"items\":[{\"hs_code\":\"847330\",\"eccn\":\"EAR99\",\"parameters\":{\"bit_length\":16,\"dense_tops\":148}}]}",
	                 &t) == 0);
	CHECK_INT(evaluate(&t, &r), RULES_REVIEW);
	const rules_finding *f = finding(&r, "adv-computing-d5-macau");
	CHECK(f && f->outcome == RULES_REVIEW);
	CHECK(f && strstr(json_string_value(json_object_get(f->facts, "message")), "die_area_mm2"));
	rules_result_free(&r);
	txn_free(&t);
	/* a smaller die would make it 3A090.b: 2,368 / 700 = 3.38 */
	classify_item("{\"bit_length\":16,\"dense_tops\":148,\"die_area_mm2\":700}", DAY_2023_RULE, got, sizeof(got), msg,
	              sizeof(msg));
	CHECK_STR(got, "3A090.b");
}

/* the company-specific notice of April 2025 names the H20 itself */
static void test_h20_is_informed(void)
{
#define H20_SHIPMENT                                                                                          \
	"{\"date\":\"%s\",\"destination\":\"HK\",\"end_use\":{\"category\":\"civil\"},"  \
	"\"parties\":[{\"role\":\"end_user\",\"name\":\"X\",\"country\":\"HK\"}],"                            \
	"\"items\":[{\"description\":\"NVIDIA H20 96GB\",\"hs_code\":\"847330\",\"eccn\":\"EAR99\","          \
	"\"parameters\":{\"bit_length\":16,\"dense_tops\":148,\"die_area_mm2\":814}}]}"
	const char *days[] = {"2025-03-01", "2025-05-01"};
	for (int i = 0; i < 2; i++) {
		char text[1024];
		snprintf(text, sizeof(text), H20_SHIPMENT, days[i]);
		txn t;
		rules_result r;
		REQUIRE(txn_text(text, &t) == 0);
		evaluate(&t, &r);
		CHECK_INT(fired(&r, "adv-computing-is-informed-h20-mi308", RULES_LICENSE_REQUIRED), i == 1);
		rules_result_free(&r);
		txn_free(&t);
	}
}

/* FP8 733 x 8 = 5,864; PCIe 64 GB/s */
static void test_l40s(void)
{
	check_chip("{\"bit_length\":8,\"dense_tops\":733,\"die_area_mm2\":609,\"interconnect_gbps\":64}", "", "3A090.a");
}

/* 181.05 x 16 = 2,897; PD 4.76: 3A090.b.1 */
static void test_l40(void)
{
	check_chip("{\"bit_length\":16,\"dense_tops\":181.05,\"die_area_mm2\":609,\"interconnect_gbps\":64}", "",
	           "3A090.b");
}

/* 383 x 16 = 6,128; 800 GB/s Infinity Fabric */
static void test_mi250x(void)
{
	check_chip("{\"bit_length\":16,\"dense_tops\":383,\"die_area_mm2\":1074,\"interconnect_gbps\":800}", "3A090.a",
	           "3A090.a");
}

/* FP8 2,614.9 x 8 = 20,919; no die area needed */
static void test_mi300x(void)
{
	check_chip("{\"bit_length\":8,\"dense_tops\":2614.9,\"interconnect_gbps\":896}", "3A090.a", "3A090.a");
}

/* TPP given directly wins over dense_tops x bit_length; the arithmetic is reported */
static void test_arithmetic(void)
{
	txn t;
	REQUIRE(txn_text("{\"date\":\"2024-03-01\",\"destination\":\"CN\",\"parties\":[{\"role\":\"buyer\",\"name\":\"X\"}],"
	                 "\"items\":[{\"parameters\":{\"bit_length\":16,\"dense_tops\":181.05,\"die_area_mm2\":609}}]}",
	                 &t) == 0);
	json_t *c = rules_classify(default_pack(), &t.items[0], t.date);
	json_t *computed = json_object_get(c, "computed");
	CHECK_STR(json_string_value(json_object_get(json_object_get(computed, "tpp"), "formula")),
	          "dense_tops 181.05 × bit_length 16 = 2896.8");
	CHECK_STR(json_string_value(json_object_get(json_object_get(computed, "pd"), "formula")),
	          "tpp 2896.8 ÷ die_area_mm2 609 = 4.76");
	/* each entry in force says met / not met and why */
	json_t *e;
	size_t i;
	int seen = 0;
	json_array_foreach(json_object_get(c, "entries"), i, e)
	{
		if (strcmp(json_string_value(json_object_get(e, "id")), "3A090.a-2023") == 0) {
			seen = 1;
			CHECK_STR(json_string_value(json_object_get(e, "status")), "not met");
			char *why = json_dumps(json_object_get(e, "why"), 0);
			CHECK(strstr(why, "not: tpp 2896.8 >= 4800") != NULL);
			CHECK(strstr(why, "not: pd 4.75665") != NULL);
			free(why);
		}
		CHECK(strcmp(json_string_value(json_object_get(e, "id")), "3A090.a-2022") != 0); /* not in force */
	}
	CHECK(seen);
	json_decref(c);
	txn_free(&t);

	/* several precisions: the highest product is the TPP (§4.3), H100 FP16 and FP8 */
	REQUIRE(txn_text("{\"date\":\"2024-03-01\",\"destination\":\"CN\",\"parties\":[{\"role\":\"buyer\",\"name\":\"X\"}],"
	                 "\"items\":[{\"parameters\":{\"dense_tops_16bit\":989.4,\"dense_tops_8bit\":1978.9,\"die_area_mm2\":814}}]}",
	                 &t) == 0);
	c = rules_classify(default_pack(), &t.items[0], t.date);
	computed = json_object_get(c, "computed");
	CHECK_STR(json_string_value(json_object_get(json_object_get(computed, "tpp"), "formula")),
	          "max(dense_tops_16bit 989.4 × 16 = 15830.4, dense_tops_8bit 1978.9 × 8 = 15831.2) = 15831.2");
	CHECK_STR(json_string_value(json_array_get(json_object_get(c, "classification"), 0)), "3A090.a");
	json_decref(c);
	txn_free(&t);
}

TEST_MAIN(test_a100, test_a800, test_h100, test_h800, test_h20, test_h20_is_informed, test_l40s, test_l40, test_mi250x,
          test_mi300x, test_arithmetic)
