/* rules/txn_json.c: reading shipments, normalising their facts, and each validation error. */
#include <jansson.h>

#include "rules/txn.h"
#include "rules/txn_norm.h"
#include "test.h"

/* copies of the shipments in the examples folder */
#define EXAMPLES CORDON_TEST_FIXTURES "/rules"

static json_t *load_json(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	if (!j)
		fprintf(stderr, "bad test JSON: %s\n", je.text);
	return j;
}

/* Reads the JSON; returns txn_from_json's result with the message in err. */
static int read_txn(const char *text, txn *t, char *err, size_t errsize)
{
	json_t *j = load_json(text);
	if (!j) {
		memset(t, 0, sizeof(*t));
		return -2;
	}
	int rc = txn_from_json(j, t, err, errsize);
	json_decref(j);
	return rc;
}

static void test_examples(void)
{
	const char *files[] = {EXAMPLES "/shipment-gpu-china.json", EXAMPLES "/shipment-chpl-transshipment.json",
	                       EXAMPLES "/shipment-benign.json"};
	for (size_t i = 0; i < 3; i++) {
		json_t *j = json_load_file(files[i], 0, NULL);
		REQUIRE(j);
		txn t;
		char err[256];
		int rc = txn_from_json(j, &t, err, sizeof(err));
		if (rc)
			fprintf(stderr, "%s: %s\n", files[i], err);
		CHECK_INT(rc, 0);
		txn_free(&t);
		json_decref(j);
	}
}

static void test_gpu_shape(void)
{
	txn t;
	char err[256];
	int rc = read_txn("{\"id\":\"SO-1\",\"date\":\"2024-03-04\",\"destination\":\"cn\",\"transit\":[\"HK\"],"
	                  "\"end_use\":{\"category\":\"ai_training\"},"
	                  "\"parties\":[{\"role\":\"End User\",\"name\":\"X\",\"country\":\"CN\",\"hq_country\":\"CN\"}],"
	                  "\"items\":[{\"line\":3,\"hs_code\":\"8473.30 11\",\"eccn\":\"3a090.A\",\"quantity\":64,"
	                  "\"parameters\":{\"bit_length\":16,\"dense_tops\":989,\"datacenter\":true,\"tool_type\":\"etch\"}}]}",
	                  &t, err, sizeof(err));
	REQUIRE(rc == 0);
	CHECK_STR(t.id, "SO-1");
	CHECK_INT(t.date, txn_day_from_ymd(2024, 3, 4));
	CHECK_STR(t.destination, "CN");
	CHECK_INT(t.transit_count, 1);
	CHECK_STR(t.transit[0], "HK"); /* kept as given: the rules decide where HK counts as CN */
	CHECK_INT(t.end_use.category, TXN_END_USE_AI_TRAINING);
	CHECK_STR(t.parties[0].role, "end_user");
	CHECK_STR(t.parties[0].hq_country, "CN");
	CHECK_INT(t.parties[0].screened, 0);
	CHECK_INT(t.items[0].line, 3);
	CHECK_STR(t.items[0].hs_code, "84733011");
	CHECK_STR(t.items[0].eccn, "3A090.a");
	CHECK_INT(t.items[0].param_count, 4);
	CHECK_STR(t.items[0].params[2].text, "true");
	CHECK_STR(t.items[0].params[3].text, "etch");
	CHECK(t.items[0].params[0].number.present && t.items[0].params[0].number.value == 16);
	txn_free(&t);
}

static void test_regions(void)
{
	txn t;
	char err[256];
	/* a named region becomes its ISO 3166-2 code; an address names one */
	int rc = read_txn("{\"date\":\"2024-01-01\",\"destination\":\"UA\",\"region\":\"Crimea\","
	                  "\"parties\":[{\"role\":\"consignee\",\"name\":\"A\",\"country\":\"UA\","
	                  "\"address\":\"ul. Lenina 5, Sevastopol\"},"
	                  "{\"role\":\"end_user\",\"name\":\"B\",\"country\":\"RU\",\"region\":\"DNR\"},"
	                  "{\"role\":\"buyer\",\"name\":\"C\",\"address\":\"пр. Ленина 1, Мелитополь\"},"
	                  "{\"role\":\"seller\",\"name\":\"D\",\"country\":\"DE\",\"address\":\"Kherson Strasse 1, Berlin\"},"
	                  "{\"role\":\"bank\",\"name\":\"E\",\"country\":\"UA\",\"region\":\"UA-30\"}],"
	                  "\"items\":[{\"hs_code\":\"847150\"}]}",
	                  &t, err, sizeof(err));
	if (rc)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rc == 0);
	CHECK_STR(t.destination_region, "UA-43");
	CHECK_STR(t.parties[0].region, "UA-40");
	CHECK_STR(t.parties[1].region, "UA-14");
	CHECK_STR(t.parties[2].region, "UA-23");
	CHECK_STR(t.parties[3].region, NULL); /* a street name in Germany is no occupied region */
	CHECK_STR(t.parties[4].region, NULL); /* Kyiv city: a subdivision, not an embargoed one */
	CHECK_INT(t.destination_region_ngc, TXN_TRUE);  /* Crimea is wholly occupied */
	CHECK_INT(t.parties[1].region_ngc, TXN_TRUE);   /* "DNR" says so by name */
	CHECK_INT(t.parties[2].region_ngc, TXN_UNKNOWN); /* Melitopol: inside a partly occupied oblast */
	CHECK_INT(t.items[0].line, 1);
	txn_free(&t);

	CHECK_STR(txn_region_code("Luhansk"), "UA-09");
	CHECK_STR(txn_region_code("LNR"), "UA-09");
	CHECK_STR(txn_region_code("ua-65"), "UA-65");
	CHECK_STR(txn_region_code("Zaporizhzhia"), "UA-23");
	CHECK_STR(txn_region_code("Bavaria"), NULL);
	CHECK_STR(txn_region_in_text("Simferopol, Republic of Crimea"), "UA-43");
	CHECK_STR(txn_region_in_text("Donetskaya Street 4, Moscow"), NULL);
	CHECK_STR(txn_region_in_text("ДНР, г. Донецк"), "UA-14");
}

static void test_norm(void)
{
	char hs[11], eccn[32];
	CHECK_INT(txn_norm_hs("8542.31.00", hs), 0);
	CHECK_STR(hs, "85423100");
	CHECK_INT(txn_norm_hs("85423", hs), -1);
	CHECK_INT(txn_norm_hs("8542.31.0000.1", hs), -1);
	CHECK_INT(txn_norm_hs("8542-31", hs), -1);
	CHECK_INT(txn_norm_eccn("ear99", eccn, sizeof(eccn)), 0);
	CHECK_STR(eccn, "EAR99");
	CHECK_INT(txn_norm_eccn("3b001.F.4", eccn, sizeof(eccn)), 0);
	CHECK_STR(eccn, "3B001.f.4");
	CHECK_INT(txn_norm_eccn("3A09", eccn, sizeof(eccn)), -1);
	CHECK_INT(txn_norm_eccn("3F090", eccn, sizeof(eccn)), -1);
	CHECK_INT(txn_norm_eccn("3A090..a", eccn, sizeof(eccn)), -1);
	CHECK_INT(txn_norm_eccn("3A090a", eccn, sizeof(eccn)), -1);
	txn_day d;
	CHECK_INT(txn_parse_date("2024-02-29", &d), 0);
	CHECK_INT(txn_parse_date("2023-02-29", &d), -1);
	CHECK_INT(txn_parse_date("2023-2-01", &d), -1);
	char out[11];
	txn_format_date(txn_day_from_ymd(2023, 11, 17), out);
	CHECK_STR(out, "2023-11-17");
	CHECK_INT(txn_day_from_ymd(1970, 1, 1), 0);
	CHECK_INT(txn_day_from_ymd(2000, 3, 1) - txn_day_from_ymd(2000, 2, 28), 2);
}

/* Each bad shipment fails with a message that starts with the field's JSON path. */
static void expect_error(const char *json, const char *message_start, const char *contains)
{
	txn t;
	char err[256] = "";
	int rc = read_txn(json, &t, err, sizeof(err));
	CHECK_INT(rc, -1);
	if (strncmp(err, message_start, strlen(message_start)) != 0 || !strstr(err, contains)) {
		test_failures++;
		fprintf(stderr, "error \"%s\", expected it to start \"%s\" and contain \"%s\"\n", err, message_start,
		        contains);
	}
	txn_free(&t); /* safe after a failure */
}

#define BASE_PARTIES "\"parties\":[{\"role\":\"buyer\",\"name\":\"A\"}]"
#define BASE_ITEMS "\"items\":[{\"hs_code\":\"854231\"}]"

static void test_errors(void)
{
	expect_error("[1,2]", "$:", "JSON object");
	expect_error("{\"destination\":\"DE\"," BASE_PARTIES "," BASE_ITEMS "}", "date:", "missing");
	expect_error("{\"date\":\"2024-13-01\",\"destination\":\"DE\"," BASE_PARTIES "," BASE_ITEMS "}", "date:",
	             "not a date");
	expect_error("{\"date\":20240101,\"destination\":\"DE\"," BASE_PARTIES "," BASE_ITEMS "}", "date:",
	             "must be a string");
	expect_error("{\"date\":\"2024-01-01\"," BASE_PARTIES "," BASE_ITEMS "}", "destination:", "missing");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"XX\"," BASE_PARTIES "," BASE_ITEMS "}",
	             "destination:", "unknown country \"XX\"");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"SU\"," BASE_PARTIES "," BASE_ITEMS "}",
	             "destination:", "unknown country");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"region\":\"Crimea\"," BASE_PARTIES
	             "," BASE_ITEMS "}",
	             "region:", "not in country DE");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"UA\",\"region\":\"Crimea\","
	             "\"destination_region\":\"Kherson\"," BASE_PARTIES "," BASE_ITEMS "}",
	             "destination_region:", "contradicts");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"region\":\"FR-75\"," BASE_PARTIES
	             "," BASE_ITEMS "}",
	             "region:", "not in country DE");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"transit\":[\"AE\",\"ZZ\"]," BASE_PARTIES
	             "," BASE_ITEMS "}",
	             "transit[1]:", "unknown country \"ZZ\"");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"transit\":\"AE\"," BASE_PARTIES
	             "," BASE_ITEMS "}",
	             "transit:", "array");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"end_use\":{\"category\":\"peaceful\"},"
	             BASE_PARTIES "," BASE_ITEMS "}",
	             "end_use.category:", "unknown category \"peaceful\"");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"end_use\":{\"category\":\"civil\","
	             "\"facility\":{\"logic_node_nm\":7}}," BASE_PARTIES "," BASE_ITEMS "}",
	             "end_use.facility:", "only for");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"end_use\":{\"category\":\"semiconductor_fab\","
	             "\"facility\":{\"non_planar\":\"yes\"}}," BASE_PARTIES "," BASE_ITEMS "}",
	             "end_use.facility.non_planar:", "true or false");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_ITEMS "}", "parties:", "missing");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"UA\",\"region\":\"Sevastopol\","
	             "\"non_government_controlled\":false," BASE_PARTIES "," BASE_ITEMS "}",
	             "non_government_controlled:", "contradicts");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"non_government_controlled\":true,"
	             BASE_PARTIES "," BASE_ITEMS "}",
	             "non_government_controlled:", "without an occupied region");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"CN\",\"end_use\":{\"category\":\"semiconductor_fab\","
	             "\"facility\":{}}," BASE_PARTIES "," BASE_ITEMS "}",
	             "end_use.facility:", "at least one");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"parties\":[]," BASE_ITEMS "}", "parties:",
	             "non-empty");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"parties\":[{\"role\":\"buyer\"}],"
	             BASE_ITEMS "}",
	             "parties[0].name:", "missing");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"parties\":[{\"role\":\"buyer\",\"name\":\"A\","
	             "\"country\":\"Atlantis\"}]," BASE_ITEMS "}",
	             "parties[0].country:", "unknown country \"Atlantis\"");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\",\"parties\":[{\"role\":\"buyer\",\"name\":\"A\","
	             "\"country\":\"FR\",\"region\":\"Luhansk\"}]," BASE_ITEMS "}",
	             "parties[0].region:", "not in country FR");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES "}", "items:", "missing");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES ",\"items\":[{\"hs_code\":\"85A231\"}]}",
	             "items[0].hs_code:", "not an HS code");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES ",\"items\":[{\"hs_code\":854231}]}",
	             "items[0].hs_code:", "must be a string");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES
	             ",\"items\":[{\"line\":1},{\"eccn\":\"3A90.a\"}]}",
	             "items[1].eccn:", "not an ECCN");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES
	             ",\"items\":[{\"line\":2},{\"line\":2}]}",
	             "items[1]:", "used twice");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES
	             ",\"items\":[{\"parameters\":{\"die_area_mm2\":-5}}]}",
	             "items[0].parameters.die_area_mm2:", "out of range");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES
	             ",\"items\":[{\"parameters\":{\"tpp\":[1]}}]}",
	             "items[0].parameters.tpp:", "must be a number");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES
	             ",\"items\":[{\"parameters\":{\"dense_tops\":\"989\"}}]}",
	             "items[0].parameters.dense_tops:", "must be a number");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES
	             ",\"items\":[{\"parameters\":{\"tpp\":4000,\"dense_tops\":312,\"bit_length\":16}}]}",
	             "items[0].parameters.tpp:", "contradicts dense_tops 312 × bit_length 16 = 4992");
	expect_error("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES
	             ",\"items\":[{\"quantity\":\"lots\"}]}",
	             "items[0].quantity:", "must be a number");
}

static void test_hits(void)
{
	txn t;
	char err[256];
	int rc = read_txn("{\"date\":\"2024-01-01\",\"destination\":\"DE\"," BASE_PARTIES "," BASE_ITEMS "}", &t, err,
	                  sizeof(err));
	REQUIRE(rc == 0);
	const char *tags[] = {"list:us-csl", "csl:EL", "el-footnote:4"};
	CHECK_INT(txn_party_add_hit(&t.parties[0], "us-csl:1", "X", "X Co", 0.93, tags, 3), 0);
	CHECK_INT(txn_party_add_hit(&t.parties[0], "ofac-sdn:2", "Y", NULL, 0.81, NULL, 0), 0);
	CHECK_INT(t.parties[0].hit_count, 2);
	CHECK_INT(t.parties[0].screened, 1);
	CHECK_STR(t.parties[0].hits[0].tags[2], "el-footnote:4");
	txn_free(&t);
}

TEST_MAIN(test_examples, test_gpu_shape, test_regions, test_norm, test_errors, test_hits)
