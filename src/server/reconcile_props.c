/*
 * Query properties: the pids a reconciliation query may carry and what each
 * feeds in the screening query. Ids are FtM-qualified as yente proposes them,
 * so an OpenRefine project set up against yente works here unchanged; the
 * unqualified name ("birthDate") and a few spellings people type by hand are
 * accepted too. Unknown pids are ignored, as yente does.
 */
#include <string.h>
#include <strings.h>

#include "server/reconcile_internal.h"

static const recon_prop props[] = {
	{"Thing:name", "Name", RECON_PROP_NAME, NULL},
	{"Person:birthDate", "Birth date", RECON_PROP_BIRTH, NULL},
	{"Thing:country", "Country", RECON_PROP_COUNTRY, NULL},
	{"Person:nationality", "Nationality", RECON_PROP_COUNTRY, NULL},
	{"Person:citizenship", "Citizenship", RECON_PROP_COUNTRY, NULL},
	{"LegalEntity:jurisdiction", "Jurisdiction", RECON_PROP_COUNTRY, NULL},
	{"Vessel:flag", "Flag", RECON_PROP_COUNTRY, NULL},
	/* kinds differ between lists (a tail number is a registration number or an aircraft id): any kind */
	{"LegalEntity:idNumber", "ID number", RECON_PROP_ID, NULL},
	{"LegalEntity:registrationNumber", "Registration number", RECON_PROP_ID, NULL},
	{"Airplane:serialNumber", "Serial number", RECON_PROP_ID, NULL},
	{"Person:passportNumber", "Passport number", RECON_PROP_ID, "passport"},
	{"LegalEntity:taxNumber", "Tax number", RECON_PROP_ID, "tax_id"},
	{"LegalEntity:innCode", "INN", RECON_PROP_ID, "tax_id"},
	{"LegalEntity:vatCode", "VAT number", RECON_PROP_ID, "tax_id"},
	{"LegalEntity:ogrnCode", "OGRN", RECON_PROP_ID, NULL},
	{"LegalEntity:leiCode", "LEI", RECON_PROP_ID, "lei"},
	{"LegalEntity:swiftBic", "SWIFT/BIC", RECON_PROP_ID, "swift_bic"},
	{"Vessel:imoNumber", "IMO number", RECON_PROP_ID, "imo"},
	{"Vessel:mmsi", "MMSI", RECON_PROP_ID, "mmsi"},
	{"Vessel:callSign", "Call sign", RECON_PROP_ID, NULL},
};
#define PROP_COUNT (sizeof(props) / sizeof(*props))

/* Spellings a hand-written query uses, each standing for a property above. */
static const struct {
	const char *alias, *id;
} aliases[] = {
	{"birth_date", "Person:birthDate"}, {"dateOfBirth", "Person:birthDate"}, {"dob", "Person:birthDate"},
	{"alias", "Thing:name"},            {"identifier", "LegalEntity:idNumber"},
	{"id", "LegalEntity:idNumber"},     {"passport", "Person:passportNumber"},
	{"imo", "Vessel:imoNumber"},        {"countries", "Thing:country"},
};

size_t recon_prop_count(void) { return PROP_COUNT; }
const recon_prop *recon_prop_at(size_t i) { return i < PROP_COUNT ? &props[i] : NULL; }

/* The part after the schema ("birthDate" of "Person:birthDate"). */
static const char *local_name(const char *pid)
{
	const char *colon = strrchr(pid, ':');
	return colon ? colon + 1 : pid;
}

static const recon_prop *by_local_name(const char *local)
{
	for (size_t i = 0; i < PROP_COUNT; i++)
		if (strcasecmp(local_name(props[i].id), local) == 0)
			return &props[i];
	return NULL;
}

/* Any schema prefix is accepted: yente's Thing:country and a client's Person:country mean the same. */
const recon_prop *recon_prop_find(const char *pid)
{
	if (!pid)
		return NULL;
	const char *local = local_name(pid);
	const recon_prop *p = by_local_name(local);
	for (size_t i = 0; !p && i < sizeof(aliases) / sizeof(*aliases); i++)
		if (strcasecmp(aliases[i].alias, local) == 0)
			p = by_local_name(local_name(aliases[i].id));
	return p;
}
