/* cordon decide: an analyst's decision on a hit, remembered (and a false positive allow-listed). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const char decide_usage[] =
	"usage: cordon decide SCREENING|PARTY ENTITY (--false-positive|--true-match) --reviewer R --reason TEXT\n"
	"                     [--store FILE]\n"
	"  SCREENING is a screening number as `cordon cases list` shows it (or screening:N); PARTY is a\n"
	"  party id from the imported file (or party:ID), meaning its latest screening with a hit on ENTITY.\n"
	"  A false positive allow-lists the pair: later screenings clear it automatically for as long as\n"
	"  neither the party's details nor the listed entity change.\n";

typedef struct {
	const char *store_file, *hit, *entity, *reviewer, *reason;
	int verdict; /* 1 true match, 0 false positive, -1 not given */
} decide_args;

static int parse(int argc, char **argv, decide_args *a)
{
	const char *v;
	a->verdict = -1;
	for (int i = 1; i < argc; i++) {
		if ((v = cli_option(argc, argv, &i, "--store")))
			a->store_file = v;
		else if ((v = cli_option(argc, argv, &i, "--reviewer")))
			a->reviewer = v;
		else if ((v = cli_option(argc, argv, &i, "--reason")))
			a->reason = v;
		else if (strcmp(argv[i], "--false-positive") == 0 || strcmp(argv[i], "--true-match") == 0) {
			int verdict = strcmp(argv[i], "--true-match") == 0;
			if (a->verdict >= 0 && a->verdict != verdict)
				return cli_usage("--false-positive or --true-match, not both", decide_usage);
			a->verdict = verdict;
		} else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("unknown option", decide_usage);
		else if (!a->hit)
			a->hit = argv[i];
		else if (!a->entity)
			a->entity = argv[i];
		else
			return cli_usage("too many arguments", decide_usage);
	}
	if (!a->hit || !a->entity)
		return cli_usage("SCREENING|PARTY and ENTITY are required", decide_usage);
	if (a->verdict < 0)
		return cli_usage("--false-positive or --true-match is required", decide_usage);
	if (!a->reviewer || !*a->reviewer || !a->reason || !*a->reason)
		return cli_usage("--reviewer and --reason are required", decide_usage);
	return CLI_OK;
}

/* A number is a screening unless a party has that id too; "screening:" and "party:" say which. */
static int resolve_target(store *s, const char *hit, int64_t *screening, const char **party)
{
	*screening = 0;
	*party = NULL;
	if (strncmp(hit, "party:", 6) == 0) {
		*party = hit + 6;
		return CLI_OK;
	}
	const char *num = strncmp(hit, "screening:", 10) == 0 ? hit + 10 : hit;
	char *end;
	long long n = strtoll(num, &end, 10);
	int numeric = *num && !*end && n > 0;
	if (num != hit) {
		if (!numeric)
			return cli_usage("screening:N needs a number", decide_usage);
		*screening = n;
		return CLI_OK;
	}
	store_party p;
	int is_party = store_party_find(s, hit, &p) == 0;
	if (is_party)
		store_party_dispose(&p);
	if (numeric && is_party) {
		fprintf(stderr, "cordon: \"%s\" is both a screening number and a party id: write screening:%s or party:%s\n",
		        hit, hit, hit);
		return CLI_USAGE;
	}
	if (numeric)
		*screening = n;
	else
		*party = hit;
	return CLI_OK;
}

int cmd_decide(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		fputs(decide_usage, stdout);
		return CLI_OK;
	}
	decide_args a = {0};
	int rc = parse(argc, argv, &a);
	if (rc)
		return rc;
	store *s;
	if (cli_open_store(a.store_file, &s))
		return CLI_ERROR;
	int64_t screening;
	const char *party;
	rc = resolve_target(s, a.hit, &screening, &party);
	if (rc) {
		store_close(s);
		return rc;
	}
	store_decision d = {0};
	d.entity_id = strdup(a.entity);
	d.reviewer = strdup(a.reviewer);
	d.reason = strdup(a.reason);
	d.true_match = a.verdict;
	rc = store_decide(s, screening, party, &d);
	store_close(s);
	if (!rc) {
		/* printed only after the commit returned: this line is the acknowledgement */
		printf("decision %lld recorded: %s on screening %lld, %s%s\n", (long long)d.id,
		       d.true_match ? "true match" : "false positive", (long long)d.screening_id, d.entity_id,
		       !d.true_match && d.party_hash[0] ? " (allow-listed while neither side changes)" : "");
		fflush(stdout);
	}
	store_decision_dispose(&d);
	return rc ? cli_fail("decide", rc) : CLI_OK;
}
