/* The OFAC remarks mini-language parser, on strings (shapes taken from the 2021/2025 files). */
#include "sources/ofac_remarks.h"
#include "test.h"

#include "model/date.h"
#include "model/entity_build.h"

static csrc_ctx ctx;

/* A fresh entity with the remarks parsed; the caller frees it. */
static cm_entity *parse(cordon_schema schema, const char *remarks)
{
	cm_entity *ent = cm_entity_new("t", "1", schema);
	if (!ent)
		return NULL;
	memset(&ctx, 0, sizeof(ctx));
	if (csrc_ofac_parse_remarks(ent, remarks, &ctx) != 0) {
		cm_entity_free(ent);
		return NULL;
	}
	return ent;
}

static const cordon_identifier *find_id(const cm_entity *ent, const char *label)
{
	for (size_t i = 0; i < ent->e.identifier_count; i++)
		if (ent->e.identifiers[i].label && strcmp(ent->e.identifiers[i].label, label) == 0)
			return &ent->e.identifiers[i];
	return NULL;
}

static const char *attr(const cm_entity *ent, const char *key, size_t nth)
{
	for (size_t i = 0; i < ent->e.attribute_count; i++)
		if (strcmp(ent->e.attributes[i].key, key) == 0 && nth-- == 0)
			return ent->e.attributes[i].value;
	return NULL;
}

static const cordon_name *find_name(const cm_entity *ent, const char *full)
{
	for (size_t i = 0; i < ent->e.name_count; i++)
		if (strcmp(ent->e.names[i].full, full) == 0)
			return &ent->e.names[i];
	return NULL;
}

/* Checks one DOB item: precision, circa and the formatted date. */
static void check_dob(const char *remarks, cordon_date_precision precision, int circa, const char *formatted)
{
	cm_entity *ent = parse(CORDON_SCHEMA_PERSON, remarks);
	REQUIRE(ent);
	CHECK_INT(ent->e.birth_date_count, 1);
	if (ent->e.birth_date_count == 1) {
		char buf[64];
		cm_date_format(&ent->e.birth_dates[0], buf, sizeof(buf));
		CHECK_INT(ent->e.birth_dates[0].precision, precision);
		CHECK_INT(ent->e.birth_dates[0].circa, circa);
		CHECK_STR(buf, formatted);
	}
	cm_entity_free(ent);
}

static void test_date_shapes(void)
{
	check_dob("DOB 10 Dec 1948.", CORDON_DATE_DAY, 0, "1948-12-10");
	check_dob("DOB 1946", CORDON_DATE_YEAR, 0, "1946");
	check_dob("DOB circa 1951; Gender Male.", CORDON_DATE_YEAR, 1, "~1951");
	check_dob("DOB 1951 to 1953", CORDON_DATE_RANGE, 0, "1951-01-01..1953-12-31");
	check_dob("DOB 01 Jan 1961 to 31 Dec 1962.", CORDON_DATE_RANGE, 0, "1961-01-01..1962-12-31");
	check_dob("alt. DOB Sep 1938", CORDON_DATE_MONTH, 0, "1938-09");
	check_dob("DOB circa 07 Jul 1966", CORDON_DATE_DAY, 1, "~1966-07-07");
	check_dob("DOB circa 1979-1982.", CORDON_DATE_RANGE, 1, "~1979-01-01..1982-12-31");
	check_dob("Alt. DOB Mar 1962 to Feb 1963", CORDON_DATE_RANGE, 0, "1962-03-01..1963-02-28");
	/* not an OFAC shape: kept as text */
	check_dob("DOB 16/2/1421H", CORDON_DATE_TEXT, 0, "16/2/1421H");

	cm_entity *ent =
	    parse(CORDON_SCHEMA_PERSON, "DOB 13 May 1965; alt. DOB 13 Apr 1968; alt. DOB 13 May 1965.");
	REQUIRE(ent);
	CHECK_INT(ent->e.birth_date_count, 2); /* the repeated date is kept once */
	cm_entity_free(ent);
}

static void test_person_items(void)
{
	cm_entity *ent =
	    parse(CORDON_SCHEMA_PERSON,
	          "DOB 02 Jan 1968; POB Dzerzhinsk, Nizhny Novgorod Region, Russia; nationality Korea, North; "
	          "nationality possibly Palestinian;arrested 23 Apr 2002; citizen Russia; alt. citizen Cyprus; "
	          "citizen Atlantis; Gender Female.");
	REQUIRE(ent);
	CHECK_INT(ent->e.birth_place_count, 1);
	CHECK_STR(ent->e.birth_places[0], "Dzerzhinsk, Nizhny Novgorod Region, Russia");
	CHECK_INT(ent->e.nationality_count, 1);
	CHECK_STR(ent->e.nationalities[0], "KP");
	CHECK_STR(attr(ent, "nationality_text", 0), "possibly Palestinian");
	CHECK_INT(ent->e.citizenship_count, 2);
	CHECK_STR(ent->e.citizenships[0], "RU");
	CHECK_STR(ent->e.citizenships[1], "CY");
	CHECK_STR(attr(ent, "citizenship_text", 0), "Atlantis");
	CHECK_STR(ent->e.gender, "female"); /* the closing period is not part of the value */
	/* ';' without a space still separates items; the free text is kept and counted */
	CHECK_STR(attr(ent, "remark", 0), "arrested 23 Apr 2002");
	CHECK_INT(ctx.stats.unknown_fields, 1);
	cm_entity_free(ent);
}

static void check_id(const cm_entity *ent, const char *label, cordon_id_kind kind, const char *value,
                     const char *country, const char *note)
{
	const cordon_identifier *id = find_id(ent, label);
	CHECK(id != NULL);
	if (!id) {
		fprintf(stderr, "  missing identifier \"%s\"\n", label);
		return;
	}
	CHECK_INT(id->kind, kind);
	CHECK_STR(id->value, value);
	if (id->kind != kind || strcmp(id->value, value) != 0)
		fprintf(stderr, "  in identifier \"%s\"\n", label);
	CHECK_STR(id->country, country);
	CHECK_STR(id->note, note);
}

static void test_identity_documents(void)
{
	cm_entity *ent = parse(
	    CORDON_SCHEMA_PERSON,
	    "Passport E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992; National ID No. 660000 73767 "
	    "(Belgium); "
	    "Cedula No. 16247821 (Colombia); Tax ID No. 7704021940 (Russia); SSN 523-33-8386 (United States); "
	    "R.F.C. DIB-771110-HQ1 (Mexico); C.U.R.P. CIVJ650513HNEFLR06 (Mexico); D.N.I. 12345678 (Spain); "
	    "Matricula Mercantil No 181301-1 Cali (Colombia); alt. Driver's License No. 04900377 (Moldova) "
	    "issued 02 Jul "
	    "2004; Kenyan ID No. 12773667; National ID No. 1234 (Jalisco); Diplomatic Passport D00001 (Iran) "
	    "expires 2010.");
	REQUIRE(ent);
	check_id(ent, "Passport", CORDON_ID_PASSPORT, "E590976", "TN", "issued 19 Jun 1987 expires 18 Jun 1992");
	check_id(ent, "Cedula No.", CORDON_ID_NATIONAL_ID, "16247821", "CO", NULL);
	check_id(ent, "Tax ID No.", CORDON_ID_TAX_ID, "7704021940", "RU", NULL);
	check_id(ent, "SSN", CORDON_ID_NATIONAL_ID, "523-33-8386", "US", NULL);
	check_id(ent, "R.F.C.", CORDON_ID_TAX_ID, "DIB-771110-HQ1", "MX", NULL);
	check_id(ent, "C.U.R.P.", CORDON_ID_NATIONAL_ID, "CIVJ650513HNEFLR06", "MX", NULL);
	check_id(ent, "D.N.I.", CORDON_ID_NATIONAL_ID, "12345678", "ES", NULL);
	check_id(ent, "Matricula Mercantil No", CORDON_ID_REGISTRATION, "181301-1 Cali", "CO", NULL);
	check_id(ent, "Driver's License No.", CORDON_ID_OTHER, "04900377", "MD", "issued 02 Jul 2004");
	check_id(ent, "Kenyan ID No.", CORDON_ID_NATIONAL_ID, "12773667", NULL, NULL);
	check_id(ent, "Diplomatic Passport", CORDON_ID_PASSPORT, "D00001", "IR", "expires 2010");
	/* a region instead of a country stays in the note, never dropped */
	int found = 0;
	for (size_t i = 0; i < ent->e.identifier_count; i++)
		if (strcmp(ent->e.identifiers[i].value, "1234") == 0) {
			found = 1;
			CHECK_STR(ent->e.identifiers[i].country, NULL);
			CHECK_STR(ent->e.identifiers[i].note, "(Jalisco)");
		}
	CHECK(found);
	/* National ID No. twice with different values */
	CHECK_INT(ent->e.identifier_count, 13);
	CHECK_INT(ctx.stats.unknown_fields, 0);
	cm_entity_free(ent);
}

static void test_company_identifiers(void)
{
	cm_entity *ent = parse(
	    CORDON_SCHEMA_ORGANIZATION,
	    "Registration Number 1027700092661 (Russia); Registration ID HRB 12345 (Germany); Company Number "
	    "04255286 "
	    "(United Kingdom); Identification Number IMO 5464329; Company Number IMO 1991835; SWIFT/BIC "
	    "BNACCUHH; "
	    "D-U-N-S Number 56-567-7751; Unified Social Credit Code (USCC) 91440300MA5DMRL99E (China); ISIN "
	    "CNE1000002V2; Government Gazette Number 00034097 (Russia); V.A.T. Number BG831345231 (Bulgaria); "
	    "Numero Unico de Identificacao Tributaria (NUIT) 300000436 (Mozambique); Nationality of Registration "
	    "Cyprus; Legal Entity Number 253400EBCBBVB9TUHP50 (Russia).");
	REQUIRE(ent);
	check_id(ent, "Registration Number", CORDON_ID_REGISTRATION, "1027700092661", "RU", NULL);
	check_id(ent, "Registration ID", CORDON_ID_REGISTRATION, "HRB 12345", "DE", NULL);
	check_id(ent, "Company Number", CORDON_ID_REGISTRATION, "04255286", "GB", NULL);
	check_id(ent, "Identification Number IMO", CORDON_ID_IMO, "5464329", NULL, NULL);
	check_id(ent, "Company Number IMO", CORDON_ID_IMO, "1991835", NULL, NULL);
	check_id(ent, "SWIFT/BIC", CORDON_ID_SWIFT_BIC, "BNACCUHH", NULL, NULL);
	check_id(ent, "D-U-N-S Number", CORDON_ID_REGISTRATION, "56-567-7751", NULL, NULL);
	check_id(ent, "Unified Social Credit Code (USCC)", CORDON_ID_REGISTRATION, "91440300MA5DMRL99E", "CN",
	         NULL);
	check_id(ent, "ISIN", CORDON_ID_OTHER, "CNE1000002V2", NULL, NULL);
	check_id(ent, "Government Gazette Number", CORDON_ID_REGISTRATION, "00034097", "RU", NULL);
	check_id(ent, "V.A.T. Number", CORDON_ID_TAX_ID, "BG831345231", "BG", NULL);
	check_id(ent, "Numero Unico de Identificacao Tributaria (NUIT)", CORDON_ID_TAX_ID, "300000436", "MZ",
	         NULL);
	check_id(ent, "Legal Entity Number", CORDON_ID_LEI, "253400EBCBBVB9TUHP50", "RU", NULL);
	/* a company's "nationality" is its country of registration, not a nationality */
	CHECK_INT(ent->e.nationality_count, 0);
	CHECK_INT(ent->e.country_count, 1);
	CHECK_STR(ent->e.country_count ? ent->e.countries[0] : NULL, "CY");
	CHECK_INT(ctx.stats.unknown_fields, 0);
	cm_entity_free(ent);
}

static void test_contact_and_crypto(void)
{
	cm_entity *ent = parse(
	    CORDON_SCHEMA_ORGANIZATION,
	    "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency Address - "
	    "ETH "
	    "0x8589427373d6d84e98730d7795d8f6f8731fda16; Email Address info@tpe.ru; Email:adelb@example.com; "
	    "Website "
	    "http://www.example.com; Telephone: 0097165749444; Phone Number 79161234567; Alt. Fax: 4953333333; "
	    "Telephone (98)(21)88934567; www.almanar.com.lb; Email Address general@sovfracht.ru.");
	REQUIRE(ent);
	check_id(ent, "Digital Currency Address - XBT", CORDON_ID_CRYPTO, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
	         NULL, NULL);
	check_id(ent, "Digital Currency Address - ETH", CORDON_ID_CRYPTO,
	         "0x8589427373d6d84e98730d7795d8f6f8731fda16", NULL, NULL);
	check_id(ent, "Email", CORDON_ID_EMAIL, "adelb@example.com", NULL, NULL);
	check_id(ent, "Website", CORDON_ID_WEBSITE, "http://www.example.com", NULL, NULL);
	check_id(ent, "Telephone", CORDON_ID_PHONE, "0097165749444", NULL, NULL);
	check_id(ent, "Phone Number", CORDON_ID_PHONE, "79161234567", NULL, NULL);
	check_id(ent, "Fax", CORDON_ID_PHONE, "4953333333", NULL, NULL);
	int emails = 0, phone_paren = 0, bare_web = 0;
	for (size_t i = 0; i < ent->e.identifier_count; i++) {
		const cordon_identifier *id = &ent->e.identifiers[i];
		if (id->kind == CORDON_ID_EMAIL && id->label && strcmp(id->label, "Email Address") == 0) {
			emails++;
			/* the closing period of the remarks is not part of the last address */
			CHECK(strcmp(id->value, "info@tpe.ru") == 0 || strcmp(id->value, "general@sovfracht.ru") == 0);
		}
		if (strcmp(id->value, "(98)(21)88934567") == 0)
			phone_paren = 1; /* parentheses with digits belong to the number */
		if (id->kind == CORDON_ID_WEBSITE && strcmp(id->value, "www.almanar.com.lb") == 0)
			bare_web = 1;
	}
	CHECK_INT(emails, 2);
	CHECK(phone_paren);
	CHECK(bare_web);
	CHECK_INT(ctx.stats.unknown_fields, 0);
	cm_entity_free(ent);
}

static void test_vessel_and_aircraft(void)
{
	cm_entity *ent = parse(
	    CORDON_SCHEMA_VESSEL,
	    "Vessel Registration Identification IMO 9187629; MMSI 572469210; Other Vessel Call Sign 5IM713; "
	    "Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; Other Vessel Flag Panama; Other "
	    "Vessel Type Roll-on Roll-off; Linked To: NATIONAL IRANIAN TANKER COMPANY.");
	REQUIRE(ent);
	check_id(ent, "Vessel Registration Identification IMO", CORDON_ID_IMO, "9187629", NULL, NULL);
	check_id(ent, "MMSI", CORDON_ID_MMSI, "572469210", NULL, NULL);
	check_id(ent, "Other Vessel Call Sign", CORDON_ID_CALL_SIGN, "5IM713", NULL, NULL);
	CHECK_STR(attr(ent, "former_vessel_flag", 0), "Malta");
	CHECK_STR(attr(ent, "former_vessel_flag", 1), "Tuvalu");
	CHECK_STR(attr(ent, "other_vessel_flag", 0), "Panama");
	CHECK_STR(attr(ent, "other_vessel_type", 0), "Roll-on Roll-off");
	CHECK_INT(ent->e.relation_count, 1);
	CHECK_STR(ent->e.relations[0].kind, "linked_to");
	CHECK_STR(ent->e.relations[0].target, "NATIONAL IRANIAN TANKER COMPANY");
	cm_entity_free(ent);

	ent = parse(
	    CORDON_SCHEMA_AIRCRAFT,
	    "Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft Manufacture Date 1992; "
	    "Aircraft Model IL76-TD; Aircraft Operator YAS AIR; Aircraft Manufacturer's Serial Number (MSN) "
	    "1023409321; Previous Aircraft Tail Number YI-NAE; Aircraft Tail Number EP-MMH; Linked To: POUYA "
	    "AIR.");
	REQUIRE(ent);
	check_id(ent, "Aircraft Construction Number (also called L/N or S/N or F/N)", CORDON_ID_AIRCRAFT, "8401",
	         NULL, NULL);
	check_id(ent, "Aircraft Manufacturer's Serial Number (MSN)", CORDON_ID_AIRCRAFT, "1023409321", NULL,
	         NULL);
	check_id(ent, "Previous Aircraft Tail Number", CORDON_ID_AIRCRAFT, "YI-NAE", NULL, NULL);
	check_id(ent, "Aircraft Tail Number", CORDON_ID_AIRCRAFT, "EP-MMH", NULL, NULL);
	CHECK_STR(attr(ent, "aircraft_manufacture_date", 0), "1992");
	CHECK_STR(attr(ent, "aircraft_model", 0), "IL76-TD");
	CHECK_STR(attr(ent, "aircraft_operator", 0), "YAS AIR");
	CHECK_STR(ent->e.relation_count ? ent->e.relations[0].target : NULL, "POUYA AIR");
	CHECK_INT(ctx.stats.unknown_fields, 0);
	cm_entity_free(ent);
}

static void test_aliases_and_quote_traps(void)
{
	cm_entity *ent =
	    parse(CORDON_SCHEMA_PERSON,
	          "a.k.a. ''ABD-AL-'IZ'; a.k.a. 'ABU-'UMAR'; a.k.a. ''FOOPIE''; a.k.a. 'EL PATRON''; "
	          "a.k.a. 'CHAPORI, Petit'; f.k.a. 'OLD NAME'; n.k.a. 'NEW NAME'; d.b.a. 'ANARQUIA "
	          "PAINTBALL'; a.k.a. 'snowsjohn'; a.k.a. 'AHMED THE TANZANIAN'.");
	REQUIRE(ent);
	const cordon_name *n = find_name(ent, "'ABD-AL-'IZ");
	CHECK(n && n->weak && n->kind == CORDON_NAME_AKA);
	CHECK(find_name(ent, "ABU-'UMAR") != NULL);
	CHECK(find_name(ent, "'FOOPIE'") != NULL);
	CHECK(find_name(ent, "EL PATRON'") != NULL);
	CHECK(find_name(ent, "AHMED THE TANZANIAN") != NULL);
	CHECK(find_name(ent, "snowsjohn") != NULL);
	n = find_name(ent, "CHAPORI, Petit");
	CHECK(n && n->family && n->given);
	if (n && n->family && n->given) {
		CHECK_STR(n->family, "CHAPORI");
		CHECK_STR(n->given, "Petit");
	}
	n = find_name(ent, "OLD NAME");
	CHECK(n && n->kind == CORDON_NAME_FKA && n->weak);
	n = find_name(ent, "NEW NAME");
	CHECK(n && n->kind == CORDON_NAME_NKA && n->weak);
	CHECK(find_name(ent, "ANARQUIA PAINTBALL") != NULL);
	CHECK_INT(ent->e.name_count, 10);
	cm_entity_free(ent);

	/* a quote cut off (truncated remarks) keeps what is there; organisation aliases are never split */
	ent = parse(CORDON_SCHEMA_ORGANIZATION, "a.k.a. 'ANGLO-CARIBBEAN CO., LTD.'; a.k.a. 'UNTERMINATED");
	REQUIRE(ent);
	n = find_name(ent, "ANGLO-CARIBBEAN CO., LTD.");
	CHECK(n && !n->family && !n->given);
	CHECK(find_name(ent, "UNTERMINATED") != NULL);
	cm_entity_free(ent);
}

static void test_sanctions_attributes(void)
{
	cm_entity *ent = parse(
	    CORDON_SCHEMA_ORGANIZATION,
	    "Additional Sanctions Information - Subject to Secondary Sanctions; Secondary sanctions risk: "
	    "Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209; Executive Order 13662 "
	    "Directive Determination - Subject to Directive 1; Organization Established Date 31 Jul 1990; "
	    "Organization Type: Activities of holding companies; Target Type State-Owned Enterprise; Effective "
	    "Date "
	    "(EO 14024 Directive 3): 26 Mar 2022; Listing Date (EO 14024 Directive 3): 24 Feb 2022; Listing Date "
	    "(CMIC) 03 Jun 2021; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
	    "Institutions: North Korea Sanctions Regulations section 510.214; Executive Order 14059 information: "
	    "Prohibition on any transactions in foreign exchange; Linked To: GALAPAGOS S.A.");
	REQUIRE(ent);
	CHECK_STR(attr(ent, "additional_sanctions_information", 0), "Subject to Secondary Sanctions");
	CHECK_STR(attr(ent, "secondary_sanctions_risk", 0),
	          "Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209");
	CHECK_STR(attr(ent, "eo13662_directive_determination", 0), "Subject to Directive 1");
	CHECK_STR(attr(ent, "organization_established_date", 0), "31 Jul 1990");
	CHECK_STR(attr(ent, "organization_type", 0), "Activities of holding companies");
	CHECK_STR(attr(ent, "target_type", 0), "State-Owned Enterprise");
	CHECK_STR(attr(ent, "effective_date", 0), "(EO 14024 Directive 3): 26 Mar 2022");
	CHECK_STR(attr(ent, "transactions_prohibited", 0), "North Korea Sanctions Regulations section 510.214");
	CHECK_STR(attr(ent, "executive_order", 0),
	          "Executive Order 14059 information: Prohibition on any transactions in foreign exchange");
	/* the first listing date is the entity's; every one is kept with its qualifier */
	char buf[32];
	cm_date_format(&ent->e.listing_date, buf, sizeof(buf));
	CHECK_STR(buf, "2022-02-24");
	CHECK_STR(attr(ent, "listing_date", 0), "(EO 14024 Directive 3): 24 Feb 2022");
	CHECK_STR(attr(ent, "listing_date", 1), "(CMIC) 03 Jun 2021");
	/* an abbreviation at the very end keeps its period */
	CHECK_STR(ent->e.relation_count ? ent->e.relations[0].target : NULL, "GALAPAGOS S.A.");
	CHECK_INT(ctx.stats.unknown_fields, 0);
	CHECK_STR(attr(ent, "remark", 0), NULL);
	cm_entity_free(ent);
}

static void test_titles_and_unknown(void)
{
	cm_entity *ent = cm_entity_new("t", "2", CORDON_SCHEMA_PERSON);
	REQUIRE(ent);
	CHECK_INT(cm_add_title(ent, "Director of PALESTINE LIBERATION FRONT - ABU ABBAS FACTION"), 0);
	memset(&ctx, 0, sizeof(ctx));
	CHECK_INT(csrc_ofac_parse_remarks(
	              ent,
	              "DOB 10 Dec 1948; ICTY indictee;  Member  ETA; Director of PALESTINE LIBERATION "
	              "FRONT - ABU ABBAS FACTION.",
	              &ctx),
	          0);
	/* the repeated title is neither an attribute nor a second title */
	CHECK_INT(ent->e.title_count, 1);
	CHECK_STR(attr(ent, "remark", 0), "ICTY indictee");
	CHECK_STR(attr(ent, "remark", 1), "Member ETA"); /* doubled spaces cleaned */
	CHECK_STR(attr(ent, "remark", 2), NULL);
	CHECK_INT(ctx.stats.unknown_fields, 2);
	/* standalone use without a context, and empty input */
	CHECK_INT(csrc_ofac_parse_remarks(ent, "Some free text", NULL), 0);
	CHECK_STR(attr(ent, "remark", 2), "Some free text");
	CHECK_INT(csrc_ofac_parse_remarks(ent, "", NULL), 0);
	CHECK_INT(csrc_ofac_parse_remarks(ent, NULL, NULL), 0);
	CHECK_INT(csrc_ofac_parse_remarks(ent, " ; ;. ", NULL), 0);
	CHECK_INT(ent->e.attribute_count, 3);
	cm_entity_free(ent);
}

static void test_hostile_text(void)
{
	/* invalid UTF-8, control bytes, a label without a value, very long items: no crash, nothing lost */
	char big[70000];
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big, "a.k.a. '", 8);
	cm_entity *ent =
	    parse(CORDON_SCHEMA_PERSON, "POB Z\xff\xfe rich; DOB; Passport; nationality \x01; Linked To:");
	CHECK_INT(ctx.stats.unknown_fields, 4);
	REQUIRE(ent);
	CHECK_INT(ent->e.birth_place_count, 1);
	CHECK(ent->e.birth_place_count && strstr(ent->e.birth_places[0], "\xEF\xBF\xBD") != NULL);
	CHECK_INT(ent->e.identifier_count, 0);
	CHECK_INT(ent->e.relation_count, 0);
	cm_entity_free(ent);
	ent = parse(CORDON_SCHEMA_PERSON, big);
	REQUIRE(ent);
	CHECK_INT(ent->e.name_count, 1);
	CHECK(ent->e.name_count && strlen(ent->e.names[0].full) == sizeof(big) - 1 - 8);
	cm_entity_free(ent);
}

TEST_MAIN(test_date_shapes, test_person_items, test_identity_documents, test_company_identifiers,
          test_contact_and_crypto, test_vessel_and_aircraft, test_aliases_and_quote_traps,
          test_sanctions_attributes, test_titles_and_unknown, test_hostile_text)
