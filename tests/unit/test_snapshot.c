/* snapshot/: write, map, decode, find; damaged, truncated and foreign files are refused. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cordon.h"
#include "match/index_build.h"
#include "model/date.h"
#include "model/entity_build.h"
#include "snapshot/container.h"
#include "snapshot/snapshot.h"
#include "test.h"

static cm_entity *sample_person(void)
{
	cm_entity *e = cm_entity_new("test", "p1", CORDON_SCHEMA_PERSON);
	cm_add_name(e, CORDON_NAME_PRIMARY, 0, "PRIGOZHIN, Yevgeniy Viktorovich", "Yevgeniy Viktorovich", "PRIGOZHIN",
	            NULL);
	cm_add_name(e, CORDON_NAME_AKA, 0, "Евгений Пригожин", NULL, NULL, "Cyrl");
	cm_add_name(e, CORDON_NAME_AKA, 1, "Putin's chef", NULL, NULL, NULL);
	cordon_date d;
	cm_date_parse_ofac("01 Jun 1961", &d);
	cm_add_birth_date(e, &d);
	cm_date_parse_ofac("circa 1960", &d);
	cm_add_birth_date(e, &d);
	cm_add_birth_place(e, "Leningrad, Russia");
	cm_add_nationality(e, "RU");
	cm_add_identifier(e, CORDON_ID_PASSPORT, "Passport", "717637093", "RU", "issued 2010");
	cordon_address a = {"Saint Petersburg, Russia", NULL, "Saint Petersburg", NULL, NULL, "RU"};
	cm_add_address(e, &a);
	cm_add_program(e, "CYBER2");
	cm_add_program(e, "ELECTION-EO13848");
	cm_add_relation(e, "linked_to", "INTERNET RESEARCH AGENCY LLC");
	cm_add_attribute(e, "Additional Sanctions Information", "Subject to Secondary Sanctions");
	cm_set_gender(e, "Male");
	cm_set_remarks(e, "DOB 01 Jun 1961; Gender Male.");
	return e;
}

static int write_snapshot(const char *path, cm_entity **ents, size_t n)
{
	csnap_builder b;
	csnap_builder_init(&b);
	const cordon_entity *list[8];
	for (size_t i = 0; i < n; i++) {
		list[i] = &ents[i]->e;
		if (csnap_builder_add(&b, list[i]))
			return -1;
	}
	cmatch_sections index;
	int rc = cmatch_index_build(list, n, &b.strings, 1, &index);
	csnap_writer w;
	if (!rc)
		rc = csnap_writer_open(&w, path);
	if (!rc) {
		const char meta[] = "{\"sources\":[{\"dataset\":\"test\",\"path\":\"x\",\"sha256\":\"00\",\"rows\":2}]}";
		rc = csnap_writer_add(&w, CSNAP_SEC_META, meta, sizeof(meta) - 1);
		if (!rc)
			rc = csnap_builder_write(&b, &w);
		if (!rc)
			rc = cmatch_sections_write(&index, &w);
		rc = rc ? (csnap_writer_abort(&w), rc) : csnap_writer_commit(&w);
	}
	if (!rc || index.count)
		cmatch_sections_dispose(&index);
	csnap_builder_dispose(&b);
	return rc;
}

static char snap_path[512];

static void test_round_trip(void)
{
	snprintf(snap_path, sizeof(snap_path), "%s/unit.cordonsnap", CORDON_TEST_TMP);
	cm_entity *ents[2] = {sample_person(), cm_entity_new("test", "o1", CORDON_SCHEMA_ORGANIZATION)};
	cm_add_name(ents[1], CORDON_NAME_PRIMARY, 0, "INTERNET RESEARCH AGENCY LLC", NULL, NULL, NULL);
	REQUIRE(write_snapshot(snap_path, ents, 2) == 0);
	cordon_snapshot *s;
	REQUIRE(cordon_snapshot_open(&s, snap_path) == 0);
	CHECK_INT(cordon_snapshot_entity_count(s), 2);
	CHECK_INT(cordon_snapshot_count(s, "test", CORDON_SCHEMA_PERSON), 1);
	CHECK_INT(cordon_snapshot_count(s, NULL, -1), 2);
	size_t idx = 99;
	REQUIRE(cordon_snapshot_find(s, "test:p1", &idx) == 0);
	CHECK_INT(cordon_snapshot_find(s, "test:nobody", &idx), CORDON_ENOTFOUND);
	cordon_entity e;
	REQUIRE(cordon_snapshot_entity(s, idx, &e) == 0);
	const cordon_entity *o = &ents[0]->e;
	CHECK_STR(e.id, "test:p1");
	CHECK_INT(e.schema, CORDON_SCHEMA_PERSON);
	CHECK_INT(e.name_count, 3);
	CHECK_STR(e.names[0].family, "PRIGOZHIN");
	CHECK_STR(e.names[1].full, "Евгений Пригожин");
	CHECK_STR(e.names[1].script, "Cyrl");
	CHECK_INT(e.names[2].weak, 1);
	CHECK_INT(e.birth_date_count, 2);
	CHECK_INT(e.birth_dates[0].precision, CORDON_DATE_DAY);
	CHECK_INT(e.birth_dates[0].month, 6);
	CHECK_INT(e.birth_dates[1].circa, 1);
	CHECK_STR(e.birth_places[0], o->birth_places[0]);
	CHECK_STR(e.nationalities[0], "RU");
	CHECK_STR(e.identifiers[0].value, "717637093");
	CHECK_STR(e.identifiers[0].note, "issued 2010");
	CHECK_STR(e.addresses[0].city, "Saint Petersburg");
	CHECK_INT(e.program_count, 2);
	CHECK_STR(e.relations[0].target, "INTERNET RESEARCH AGENCY LLC");
	CHECK_STR(e.attributes[0].value, "Subject to Secondary Sanctions");
	CHECK_STR(e.gender, "male");
	CHECK_STR(e.remarks, o->remarks);
	cordon_entity_dispose(&e);
	cordon_snapshot_info info;
	REQUIRE(cordon_snapshot_get_info(s, &info) == 0);
	CHECK_INT(info.source_count, 1);
	CHECK_STR(info.sources[0].dataset, "test");
	cordon_snapshot_free(s);
	cm_entity_free(ents[0]);
	cm_entity_free(ents[1]);
}

static void copy_file(const char *from, const char *to)
{
	char *data = NULL;
	size_t len = 0;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if (in && out) {
		fseek(in, 0, SEEK_END);
		len = (size_t)ftell(in);
		fseek(in, 0, SEEK_SET);
		data = malloc(len);
		if (data && fread(data, 1, len, in) == len)
			fwrite(data, 1, len, out);
	}
	free(data);
	if (in)
		fclose(in);
	if (out)
		fclose(out);
}

static void test_damage_is_refused(void)
{
	char bad[600];
	snprintf(bad, sizeof(bad), "%s.damaged", snap_path);
	cordon_snapshot *s = NULL;
	struct stat st;
	REQUIRE(stat(snap_path, &st) == 0);
	/* one flipped bit in the middle */
	copy_file(snap_path, bad);
	int fd = open(bad, O_RDWR);
	REQUIRE(fd >= 0);
	unsigned char byte;
	REQUIRE(pread(fd, &byte, 1, st.st_size / 2) == 1);
	byte ^= 0x10;
	REQUIRE(pwrite(fd, &byte, 1, st.st_size / 2) == 1);
	close(fd);
	CHECK_INT(cordon_snapshot_open(&s, bad), CORDON_ECORRUPT);
	CHECK(strstr(cordon_last_error(), "checksum") != NULL);
	/* truncated */
	copy_file(snap_path, bad);
	REQUIRE(truncate(bad, st.st_size - 100) == 0);
	CHECK_INT(cordon_snapshot_open(&s, bad), CORDON_ECORRUPT);
	CHECK(strstr(cordon_last_error(), "truncated") != NULL);
	/* another version of the format */
	copy_file(snap_path, bad);
	fd = open(bad, O_RDWR);
	REQUIRE(fd >= 0);
	uint32_t version = 99;
	REQUIRE(pwrite(fd, &version, 4, 8) == 4);
	close(fd);
	CHECK_INT(cordon_snapshot_open(&s, bad), CORDON_EVERSION);
	/* not a snapshot at all, empty, missing */
	FILE *f = fopen(bad, "wb");
	fputs("sdn.csv is not a snapshot, but it is long enough to have a header of sixty-four bytes", f);
	fclose(f);
	CHECK_INT(cordon_snapshot_open(&s, bad), CORDON_ECORRUPT);
	f = fopen(bad, "wb");
	fclose(f);
	CHECK_INT(cordon_snapshot_open(&s, bad), CORDON_ECORRUPT);
	CHECK_INT(cordon_snapshot_open(&s, "/nonexistent.cordonsnap"), CORDON_ENOTFOUND);
}

static void test_failed_build_keeps_old_snapshot(void)
{
	struct stat before, after;
	REQUIRE(stat(snap_path, &before) == 0);
	cordon_source src = {"ofac-sdn", "ofac-csv", "/nonexistent/sdn"};
	int rc = cordon_snapshot_build(&src, 1, snap_path, NULL, NULL, NULL);
	CHECK(rc < 0);
	CHECK(strstr(cordon_last_error(), "/nonexistent/sdn") != NULL);
	REQUIRE(stat(snap_path, &after) == 0);
	CHECK_INT(after.st_size, before.st_size);
	cordon_snapshot *s;
	CHECK_INT(cordon_snapshot_open(&s, snap_path), 0);
	cordon_snapshot_free(s);
	cordon_source unknown = {"x", "no-such-format", "/tmp"};
	CHECK_INT(cordon_snapshot_build(&unknown, 1, snap_path, NULL, NULL, NULL), CORDON_EINVALID);
}

static void test_sources_config(void)
{
	char conf[512];
	snprintf(conf, sizeof(conf), "%s/sources.conf", CORDON_TEST_TMP);
	FILE *f = fopen(conf, "w");
	REQUIRE(f);
	fputs("# comment\n\nofac-sdn  -  lists/sdn   # trailing comment\nun un-xml /abs/un.xml\n", f);
	fclose(f);
	cordon_source *src;
	size_t n;
	REQUIRE(cordon_sources_load(conf, &src, &n) == 0);
	CHECK_INT(n, 2);
	CHECK_STR(src[0].format, "ofac-csv");
	CHECK(strstr(src[0].path, "/lists/sdn") != NULL && src[0].path[0] == '/');
	CHECK_STR(src[1].path, "/abs/un.xml");
	cordon_sources_free(src, n);
	f = fopen(conf, "w");
	fputs("ofac-sdn ofac-csv\n", f);
	fclose(f);
	CHECK_INT(cordon_sources_load(conf, &src, &n), CORDON_EPARSE);
	CHECK(strstr(cordon_last_error(), "sources.conf:1") != NULL);
	f = fopen(conf, "w");
	fputs("x bogus-format path\n", f);
	fclose(f);
	CHECK_INT(cordon_sources_load(conf, &src, &n), CORDON_EPARSE);
}

TEST_MAIN(test_round_trip, test_damage_is_refused, test_failed_build_keeps_old_snapshot, test_sources_config)
