/*
 * Each rule family of the default pack with shipments that must and must not
 * trigger it: embargoes and occupied regions, Russia/Belarus, the CHPL, advanced
 * computing, chip-making tools, § 744.23 end uses, listed parties, and dates.
 */
#include "test_rules_support.h"

/* Whether the rule fires with this outcome for the shipment; prints the findings when unexpected. */
static void expect_rule(int line, const char *text, const char *rule, rules_outcome o, int want)
{
	txn t;
	rules_result r;
	if (txn_text(text, &t) || evaluate(&t, &r) < 0) {
		test_failures++;
		return;
	}
	test_checks++;
	if (fired(&r, rule, o) != want) {
		test_failures++;
		fprintf(stderr, "line %d: rule %s (%s) %s, findings:\n", line, rule, rules_outcome_name(o),
		        want ? "did not fire" : "fired");
		dump_findings(&r);
	}
	rules_result_free(&r);
	txn_free(&t);
}
#define FIRES(text, rule, o) expect_rule(__LINE__, text, rule, o, 1)
#define SILENT(text, rule, o) expect_rule(__LINE__, text, rule, o, 0)

/* A shipment: date, destination, extra top-level fields, parties, items. */
#define SHIP(date, dest, extra, parties, items)                                                          \
	"{\"date\":\"" date "\",\"destination\":\"" dest "\"" extra ",\"parties\":[" parties "],\"items\":[" items \
	"]}"
#define BUYER(cc) "{\"role\":\"buyer\",\"name\":\"B\",\"country\":\"" cc "\"}"
#define END_USER(cc) "{\"role\":\"end_user\",\"name\":\"E\",\"country\":\"" cc "\"}"
#define ITEM(hs, eccn) "{\"hs_code\":\"" hs "\",\"eccn\":\"" eccn "\"}"
#define PLC ITEM("853710", "EAR99")
#define CIVIL ",\"end_use\":{\"category\":\"civil\"}"

static void test_embargoes(void)
{
	FIRES(SHIP("2024-01-10", "CU", "", BUYER("CU"), PLC), "embargo-cuba", RULES_BLOCK);
	FIRES(SHIP("2024-01-10", "IR", "", BUYER("IR"), PLC), "embargo-iran", RULES_BLOCK);
	FIRES(SHIP("2024-01-10", "KP", "", BUYER("KP"), PLC), "embargo-north-korea", RULES_BLOCK);
	SILENT(SHIP("2024-01-10", "DE", "", BUYER("DE"), PLC), "embargo-cuba", RULES_BLOCK);
	/* a consignee in Iran behind a German destination */
	FIRES(SHIP("2024-01-10", "DE", "", BUYER("DE") "," "{\"role\":\"consignee\",\"name\":\"C\",\"country\":\"IR\"}", PLC),
	      "embargo-party", RULES_BLOCK);
	/* the seller's own country is not a party to screen for embargoes */
	SILENT(SHIP("2024-01-10", "DE", "", BUYER("DE") "," "{\"role\":\"seller\",\"name\":\"S\",\"country\":\"IR\"}", PLC),
	       "embargo-party", RULES_BLOCK);
	/* Syria before and after the 2025 relaxation */
	FIRES(SHIP("2024-01-10", "SY", "", BUYER("SY"), PLC), "embargo-syria-until-2025", RULES_BLOCK);
	SILENT(SHIP("2026-01-10", "SY", "", BUYER("SY"), PLC), "embargo-syria-until-2025", RULES_BLOCK);
	FIRES(SHIP("2026-01-10", "SY", "", BUYER("SY"), PLC), "syria-ear99-2025", RULES_REVIEW);
	FIRES(SHIP("2026-01-10", "SY", "", BUYER("SY"), ITEM("847150", "5A992.c")), "syria-ccl-2025", RULES_LICENSE_REQUIRED);
	CHECK_DECISION(SHIP("2024-01-10", "CU", CIVIL, BUYER("CU"), PLC), RULES_BLOCK);
}

static void test_regions(void)
{
	FIRES(SHIP("2024-01-10", "UA", ",\"region\":\"Crimea\"", BUYER("UA"), PLC), "region-crimea", RULES_BLOCK);
	/* an embargoed-region consignee: Sevastopol in the address */
	FIRES(SHIP("2024-01-10", "UA", "",
	           BUYER("UA") ",{\"role\":\"consignee\",\"name\":\"C\",\"country\":\"UA\",\"address\":\"ul. Bolshaya Morskaya 1, Sevastopol\"}",
	           PLC),
	      "region-crimea", RULES_BLOCK);
	SILENT(SHIP("2024-01-10", "UA", ",\"region\":\"UA-30\"", BUYER("UA"), PLC), "region-crimea", RULES_BLOCK);
	/* DNR by name is the occupied part; an address in Donetsk oblast is a red flag, not a block */
	FIRES(SHIP("2024-01-10", "UA", ",\"region\":\"DNR\"", BUYER("UA"), PLC), "region-dnr-lnr", RULES_BLOCK);
	FIRES(SHIP("2024-01-10", "UA", "", "{\"role\":\"consignee\",\"name\":\"C\",\"country\":\"UA\",\"address\":\"Kramatorsk, Donetsk oblast\"}", PLC),
	      "region-dnr-lnr", RULES_REVIEW);
	SILENT(SHIP("2024-01-10", "UA", "", "{\"role\":\"consignee\",\"name\":\"C\",\"country\":\"UA\",\"address\":\"Kramatorsk, Donetsk oblast\"}", PLC),
	       "region-dnr-lnr", RULES_BLOCK);
	/* Kherson: EU/UK measures from Oct 6, 2022 */
	FIRES(SHIP("2023-01-10", "UA", ",\"region\":\"Kherson\",\"non_government_controlled\":true", BUYER("UA"), PLC),
	      "region-kherson-zaporizhzhia", RULES_BLOCK);
	SILENT(SHIP("2022-06-01", "UA", ",\"region\":\"Kherson\",\"non_government_controlled\":true", BUYER("UA"), PLC),
	       "region-kherson-zaporizhzhia", RULES_BLOCK);
	CHECK_DECISION(SHIP("2024-01-10", "UA", CIVIL, BUYER("UA"), PLC), RULES_CLEAR);
}

static void test_russia_belarus(void)
{
	FIRES(SHIP("2024-01-10", "RU", CIVIL, BUYER("RU"), ITEM("847150", "5A992.c")), "russia-belarus-ccl", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-01-10", "RU", CIVIL, BUYER("RU"), PLC), "russia-belarus-ccl", RULES_LICENSE_REQUIRED);
	/* EAR99 to Russia is never a silent clear: the supplements' HS lists are not in the pack */
	FIRES(SHIP("2024-01-10", "RU", CIVIL, BUYER("RU"), PLC), "russia-belarus-ear99", RULES_REVIEW);
	CHECK_DECISION(SHIP("2024-01-10", "RU", CIVIL, BUYER("RU"), PLC), RULES_REVIEW);
	/* category 0 items only from April 2022; categories 3-9 from Feb 24 (Belarus Mar 2) */
	SILENT(SHIP("2022-03-01", "RU", CIVIL, BUYER("RU"), ITEM("930100", "0A501")), "russia-belarus-ccl", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2022-05-01", "RU", CIVIL, BUYER("RU"), ITEM("930100", "0A501")), "russia-belarus-ccl", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2022-03-01", "RU", CIVIL, BUYER("RU"), ITEM("847150", "5A992.c")), "russia-belarus-ccl-cat3-9", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2022-02-28", "BY", CIVIL, BUYER("BY"), ITEM("847150", "5A992.c")), "russia-belarus-ccl-cat3-9", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2022-03-03", "BY", CIVIL, BUYER("BY"), ITEM("847150", "5A992.c")), "russia-belarus-ccl-cat3-9", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-01-10", "RU", ",\"end_use\":{\"category\":\"military\"}", BUYER("RU"), PLC),
	      "russia-belarus-military-end-use", RULES_LICENSE_REQUIRED);
	/* a missing ECCN to Russia: review, missing eccn */
	FIRES(SHIP("2024-01-10", "RU", CIVIL, BUYER("RU"), "{\"hs_code\":\"853710\"}"), "russia-belarus-ccl", RULES_REVIEW);
	/* a CCL item for a Russian end user, shipped to Kazakhstan */
	FIRES(SHIP("2024-01-10", "KZ", CIVIL, BUYER("KZ") "," END_USER("RU"), ITEM("847150", "5A992.c")),
	      "russia-belarus-end-user-ccl", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-01-10", "KZ", CIVIL, BUYER("KZ") "," END_USER("KZ"), ITEM("847150", "5A992.c")),
	       "russia-belarus-end-user-ccl", RULES_LICENSE_REQUIRED);
}

static void test_chpl(void)
{
	/* CHPL-coded item to a transshipment country */
	FIRES(SHIP("2024-01-10", "KZ", CIVIL, BUYER("KZ"), ITEM("8542.31.00", "EAR99")), "chpl-transshipment", RULES_REVIEW);
	FIRES(SHIP("2024-01-10", "DE", CIVIL ",\"transit\":[\"AE\"]", BUYER("DE"), ITEM("8542.31.00", "EAR99")), "chpl-transshipment",
	      RULES_REVIEW);
	SILENT(SHIP("2024-01-10", "DE", CIVIL, BUYER("DE"), ITEM("8542.31.00", "EAR99")), "chpl-transshipment", RULES_REVIEW);
	SILENT(SHIP("2024-01-10", "KZ", CIVIL, BUYER("KZ"), PLC), "chpl-transshipment", RULES_REVIEW);
	FIRES(SHIP("2024-01-10", "DE", CIVIL, BUYER("DE") "," END_USER("BY"), ITEM("853224", "EAR99")), "chpl-party-russia-belarus",
	      RULES_REVIEW);
	FIRES(SHIP("2024-01-10", "RU", CIVIL, BUYER("RU"), ITEM("848210", "EAR99")), "chpl-russia-belarus", RULES_REVIEW);
	/* tier 4.B (CNC) only from the February 2024 version */
	SILENT(SHIP("2023-10-01", "KZ", CIVIL, BUYER("KZ"), ITEM("845710", "EAR99")), "chpl-transshipment", RULES_REVIEW);
	FIRES(SHIP("2024-03-01", "KZ", CIVIL, BUYER("KZ"), ITEM("845710", "EAR99")), "chpl-transshipment", RULES_REVIEW);
	CHECK_DECISION(SHIP("2024-01-10", "DE", CIVIL, BUYER("DE"), ITEM("8542.31.00", "EAR99")), RULES_CLEAR);
}

#define A100 "{\"hs_code\":\"847330\",\"eccn\":\"3A090.a\",\"parameters\":{\"bit_length\":16,\"dense_tops\":312,\"die_area_mm2\":826}}"

static void test_advanced_computing(void)
{
	FIRES(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"), A100), "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "HK", CIVIL, BUYER("HK"), A100), "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "MO", CIVIL, BUYER("MO"), A100), "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	/* D:1 but not D:5: licence with presumption of approval */
	FIRES(SHIP("2024-03-01", "VN", CIVIL, BUYER("VN"), A100), "adv-computing-d1-d4", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "VN", CIVIL, BUYER("VN"), A100), "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	/* Macau in the Oct 2022 rule only from Jan 18, 2023 */
	SILENT(SHIP("2023-01-10", "MO", CIVIL, BUYER("MO"), A100), "adv-computing-prc-2022", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2023-01-20", "MO", CIVIL, BUYER("MO"), A100), "adv-computing-prc-2022", RULES_LICENSE_REQUIRED);
	/* Germany, but the end user's parent is headquartered in China */
	FIRES(SHIP("2024-03-01", "DE", CIVIL,
	           "{\"role\":\"end_user\",\"name\":\"E\",\"country\":\"DE\",\"hq_country\":\"DE\",\"ultimate_parent_hq_country\":\"CN\"}",
	           A100),
	      "adv-computing-hq", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "DE", CIVIL, "{\"role\":\"end_user\",\"name\":\"E\",\"country\":\"DE\",\"hq_country\":\"DE\"}", A100),
	       "adv-computing-hq", RULES_LICENSE_REQUIRED);
	/* headquarters unknown: review, never clear */
	FIRES(SHIP("2024-03-01", "DE", CIVIL, END_USER("DE"), A100), "adv-computing-hq", RULES_REVIEW);
	/* Israel's A:6 reading is unconfirmed */
	FIRES(SHIP("2024-03-01", "IL", CIVIL, "{\"role\":\"end_user\",\"name\":\"E\",\"country\":\"IL\",\"hq_country\":\"IL\"}", A100),
	      "adv-computing-israel", RULES_REVIEW);
	/* an EAR99 PLC to China is not an advanced-computing item */
	SILENT(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"), PLC), "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"), PLC), "adv-computing-d5-macau", RULES_REVIEW);
	/* a declared EAR99 that the parameters contradict is still caught */
	FIRES(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"),
	           "{\"hs_code\":\"847330\",\"eccn\":\"EAR99\",\"parameters\":{\"tpp\":5000}}"),
	      "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "DE", CIVIL, BUYER("DE"), "{\"hs_code\":\"847330\",\"eccn\":\"EAR99\",\"parameters\":{\"tpp\":5000}}"),
	      "classification-mismatch", RULES_REVIEW);
	SILENT(SHIP("2024-03-01", "DE", CIVIL, BUYER("DE"), A100), "classification-mismatch", RULES_REVIEW);
	/* the datacenter note (wording UNCONFIRMED): review, the licence stands */
	FIRES(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"),
	           "{\"hs_code\":\"847330\",\"parameters\":{\"tpp\":3000,\"die_area_mm2\":400,\"datacenter\":false}}"),
	      "adv-computing-non-datacenter", RULES_REVIEW);
	FIRES(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"),
	           "{\"hs_code\":\"847330\",\"parameters\":{\"tpp\":3000,\"die_area_mm2\":400,\"datacenter\":false}}"),
	      "adv-computing-d5-macau", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"),
	            "{\"hs_code\":\"847330\",\"parameters\":{\"tpp\":3000,\"die_area_mm2\":400,\"datacenter\":true}}"),
	       "adv-computing-non-datacenter", RULES_REVIEW);
	/* the Jan 2026 policy: case-by-case from the U.S. within the H200 limits */
	FIRES(SHIP("2026-02-01", "CN", CIVIL ",\"export_country\":\"US\"", BUYER("CN"),
	           "{\"hs_code\":\"847330\",\"eccn\":\"3A090.a\",\"parameters\":{\"bit_length\":8,\"dense_tops\":1978.9,"
	           "\"die_area_mm2\":814,\"memory_bandwidth_gbps\":4800}}"),
	      "adv-computing-h200-policy", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2025-12-01", "CN", CIVIL ",\"export_country\":\"US\"", BUYER("CN"),
	            "{\"hs_code\":\"847330\",\"eccn\":\"3A090.a\",\"parameters\":{\"bit_length\":8,\"dense_tops\":1978.9,"
	            "\"die_area_mm2\":814,\"memory_bandwidth_gbps\":4800}}"),
	       "adv-computing-h200-policy", RULES_LICENSE_REQUIRED);
	/* HBM (3A090.c) from Dec 2, 2024 */
	FIRES(SHIP("2025-01-10", "CN", CIVIL, BUYER("CN"),
	           "{\"hs_code\":\"854232\",\"parameters\":{\"hbm\":true,\"memory_bandwidth_gbps\":1200,\"package_area_mm2\":110}}"),
	      "adv-computing-hbm", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2025-01-10", "DE", CIVIL, "{\"role\":\"end_user\",\"name\":\"E\",\"country\":\"DE\",\"hq_country\":\"CN\"}",
	           "{\"hs_code\":\"854232\",\"eccn\":\"3A090.c\"}"),
	      "adv-computing-hq", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-06-10", "CN", CIVIL, BUYER("CN"),
	            "{\"hs_code\":\"854232\",\"parameters\":{\"hbm\":true,\"memory_bandwidth_gbps\":1200,\"package_area_mm2\":110}}"),
	       "adv-computing-hbm", RULES_LICENSE_REQUIRED);
}

#define FAB(facility) ",\"end_use\":{\"category\":\"semiconductor_fab\"" facility "}"

/* Hong Kong counts as China for the groups, and the finding says so; the shipment keeps HK. */
static void test_hong_kong(void)
{
	txn t;
	rules_result r;
	REQUIRE(txn_text(SHIP("2024-03-01", "HK", CIVIL, BUYER("HK"), A100), &t) == 0);
	CHECK_STR(t.destination, "HK");
	evaluate(&t, &r);
	const rules_finding *f = finding(&r, "adv-computing-d5-macau");
	REQUIRE(f);
	char *because = json_dumps(json_object_get(f->facts, "because"), 0);
	CHECK(strstr(because, "destination HK (counted as CN) in D5_OR_MACAU") != NULL);
	free(because);
	rules_result_free(&r);
	txn_free(&t);
}

static void test_fabs_and_tools(void)
{
	FIRES(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"), ITEM("848620", "3B001.f.4")), "sme-d5-macau", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "DE", CIVIL, BUYER("DE"), ITEM("848620", "3B001.f.4")), "sme-d5-macau", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "VE", CIVIL, BUYER("VE"), ITEM("848620", "3B002")), "sme-d5-macau", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2023-03-01", "CN", CIVIL, BUYER("CN"), ITEM("848620", "3B090.a")), "sme-prc-2022", RULES_LICENSE_REQUIRED);
	/* an advanced-node fab: any item, even EAR99 */
	FIRES(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"logic_node_nm\":7}"), BUYER("CN"), PLC), "fab-advanced-node",
	      RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"logic_node_nm\":22,\"non_planar\":true}"), BUYER("CN"), PLC),
	      "fab-advanced-node", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"nand_layers\":128}"), BUYER("CN"), PLC), "fab-advanced-node",
	      RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"nand_layers\":96}"), BUYER("CN"), PLC), "fab-advanced-node",
	       RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"logic_node_nm\":28,\"non_planar\":false}"), BUYER("CN"), PLC),
	       "fab-advanced-node", RULES_LICENSE_REQUIRED);
	/* 28 nm, transistor architecture not stated: cannot tell */
	FIRES(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"logic_node_nm\":28}"), BUYER("CN"), PLC), "fab-advanced-node",
	      RULES_REVIEW);
	/* unknown fab: review for any item, licence for Category 3 B-E items */
	FIRES(SHIP("2024-03-01", "CN", FAB(""), BUYER("CN"), PLC), "fab-advanced-node", RULES_REVIEW);
	FIRES(SHIP("2024-03-01", "CN", FAB(""), BUYER("CN"), ITEM("848620", "3B991")), "fab-unknown-node", RULES_LICENSE_REQUIRED);
	SILENT(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"logic_node_nm\":7}"), BUYER("CN"), ITEM("848620", "3B991")),
	       "fab-unknown-node", RULES_LICENSE_REQUIRED);
	/* DRAM: 18 nm half-pitch in the 2022 rule; the 2023 test is unconfirmed */
	FIRES(SHIP("2023-03-01", "CN", FAB(",\"facility\":{\"dram_half_pitch_nm\":17}"), BUYER("CN"), PLC), "fab-advanced-node-2022",
	      RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "CN", FAB(",\"facility\":{\"dram_half_pitch_nm\":17}"), BUYER("CN"), PLC), "fab-dram-unconfirmed",
	      RULES_REVIEW);
	/* a fab outside Macau/D:5 */
	SILENT(SHIP("2024-03-01", "KR", FAB(",\"facility\":{\"logic_node_nm\":3}"), BUYER("KR"), PLC), "fab-advanced-node",
	       RULES_LICENSE_REQUIRED);
	/* supercomputer end use */
	FIRES(SHIP("2024-03-01", "CN", ",\"end_use\":{\"category\":\"supercomputer\"}", BUYER("CN"), ITEM("847150", "4A003.b")),
	      "supercomputer", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "CN", ",\"end_use\":{\"category\":\"supercomputer\"}", BUYER("CN"), PLC), "supercomputer-other-items",
	      RULES_REVIEW);
	SILENT(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"), ITEM("847150", "4A003.b")), "supercomputer", RULES_LICENSE_REQUIRED);
	FIRES(SHIP("2024-03-01", "CN", ",\"end_use\":{\"category\":\"military_end_user\"}", BUYER("CN"), PLC),
	      "military-end-use-other", RULES_REVIEW);
	/* no stated end use to China: the end-use rules cannot be cleared */
	CHECK_DECISION(SHIP("2024-03-01", "CN", "", BUYER("CN"), PLC), RULES_REVIEW);
	CHECK_DECISION(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"), PLC), RULES_CLEAR);
}

static void test_listed_parties(void)
{
	static const struct {
		const char *tag1, *tag2;
		double score;
		const char *rule;
		rules_outcome o;
	} cases[] = {
		{"list:ofac-sdn", NULL, 0.97, "party-ofac-sdn", RULES_BLOCK},
		{"list:us-csl", "csl:SDN", 0.95, "party-ofac-sdn", RULES_BLOCK},
		{"list:ofac-sdn", NULL, 0.82, "party-potential-match", RULES_REVIEW},
		{"list:un", NULL, 0.93, "party-asset-freeze-un-eu-uk", RULES_BLOCK},
		{"list:us-dpl", NULL, 0.99, "party-denied-persons", RULES_BLOCK},
		{"list:us-csl", "csl:DPL", 0.91, "party-denied-persons", RULES_BLOCK},
		{"list:us-csl", "csl:EL", 0.93, "party-entity-list", RULES_LICENSE_REQUIRED},
		{"csl:EL", "el-footnote:3", 0.93, "party-entity-list-fn3", RULES_LICENSE_REQUIRED},
		{"csl:EL", "el-footnote:4", 0.93, "party-entity-list-fdp", RULES_LICENSE_REQUIRED},
		{"list:us-csl", "csl:MEU", 0.93, "party-meu-list", RULES_LICENSE_REQUIRED},
		{"list:us-csl", "csl:UVL", 0.93, "party-unverified-list", RULES_REVIEW},
		{"list:us-csl", "csl:SSI", 0.93, "party-other-lists", RULES_REVIEW},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		txn t;
		rules_result r;
		REQUIRE(txn_text(SHIP("2024-01-10", "DE", CIVIL, BUYER("DE") "," END_USER("DE"), PLC), &t) == 0);
		add_hit(&t.parties[1], "x:1", cases[i].score, cases[i].tag1, cases[i].tag2);
		evaluate(&t, &r);
		const rules_finding *f = finding(&r, cases[i].rule);
		CHECK(f != NULL);
		if (!f)
			fprintf(stderr, "case %zu: %s did not fire\n", i, cases[i].rule);
		CHECK(f && f->outcome == cases[i].o && f->party_index == 1);
		CHECK_INT(r.decision, cases[i].o);
		rules_result_free(&r);
		txn_free(&t);
	}
	/* a hit on an unrelated tag changes nothing */
	txn t;
	rules_result r;
	REQUIRE(txn_text(SHIP("2024-01-10", "DE", CIVIL, BUYER("DE"), PLC), &t) == 0);
	add_hit(&t.parties[0], "x:2", 0.99, "schema:Person", NULL);
	CHECK_INT(evaluate(&t, &r), RULES_CLEAR);
	rules_result_free(&r);
	/* parties not screened: one review per party, not one per list rule */
	t.parties[0].screened = 0;
	CHECK_INT(evaluate(&t, &r), RULES_REVIEW);
	size_t reviews = 0;
	for (size_t i = 0; i < r.finding_count; i++)
		reviews += r.findings[i].party_index == 0;
	CHECK_INT(reviews, 1);
	CHECK(strstr(json_string_value(json_object_get(r.findings[0].facts, "message")), "screening of parties[0]"));
	rules_result_free(&r);
	txn_free(&t);
}

static void test_dates_and_items(void)
{
	/* before the pack's first rule date: a clear message, review */
	FIRES(SHIP("2010-01-10", "CU", CIVIL, BUYER("CU"), PLC), "pack-validity", RULES_REVIEW);
	SILENT(SHIP("2010-01-10", "CU", CIVIL, BUYER("CU"), PLC), "embargo-cuba", RULES_BLOCK);
	/* an item with neither ECCN nor HS code */
	FIRES(SHIP("2024-01-10", "DE", CIVIL, BUYER("DE"), "{\"description\":\"widgets\"}"), "item-unidentified", RULES_REVIEW);
	/* a CCL item anywhere: the Country Chart is not encoded */
	FIRES(SHIP("2024-01-10", "DE", CIVIL, BUYER("DE"), ITEM("847150", "5A992.c")), "ccl-country-chart", RULES_REVIEW);
	/* per-item determinations and a transaction-wide finding */
	txn t;
	rules_result r;
	REQUIRE(txn_text(SHIP("2024-03-01", "CN", CIVIL, BUYER("CN"), PLC "," A100), &t) == 0);
	CHECK_INT(evaluate(&t, &r), RULES_LICENSE_REQUIRED);
	CHECK_STR(json_string_value(json_object_get(json_array_get(r.items, 0), "determination")), "clear");
	CHECK_STR(json_string_value(json_object_get(json_array_get(r.items, 1), "determination")), "license_required");
	rules_result_free(&r);
	txn_free(&t);
}

TEST_MAIN(test_embargoes, test_regions, test_russia_belarus, test_chpl, test_advanced_computing, test_hong_kong,
          test_fabs_and_tools,
          test_listed_parties, test_dates_and_items)
