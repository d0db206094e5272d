#include "model/idkind.h"

#include <string.h>

#include "util/strutil.h"

/* Checked in order: the first label that the given label starts with wins. */
static const struct {
	const char *prefix;
	cordon_id_kind kind;
} label_kinds[] = {
	{"passport", CORDON_ID_PASSPORT},
	{"diplomatic passport", CORDON_ID_PASSPORT},
	{"national passport", CORDON_ID_PASSPORT},
	{"travel document", CORDON_ID_PASSPORT},
	{"numero de passeport", CORDON_ID_PASSPORT},
	{"numéro de passeport", CORDON_ID_PASSPORT},
	{"numero de pasaporte", CORDON_ID_PASSPORT},
	{"número de pasaporte", CORDON_ID_PASSPORT},
	{"national id", CORDON_ID_NATIONAL_ID},
	{"national identification", CORDON_ID_NATIONAL_ID},
	{"national identity", CORDON_ID_NATIONAL_ID},
	{"national identifier", CORDON_ID_NATIONAL_ID},
	{"identity card", CORDON_ID_NATIONAL_ID},
	{"id card", CORDON_ID_NATIONAL_ID},
	{"personal id", CORDON_ID_NATIONAL_ID},
	{"cedula", CORDON_ID_NATIONAL_ID},
	{"d.n.i", CORDON_ID_NATIONAL_ID},
	{"dni", CORDON_ID_NATIONAL_ID},
	{"c.u.r.p", CORDON_ID_NATIONAL_ID},
	{"curp", CORDON_ID_NATIONAL_ID},
	{"ssn", CORDON_ID_NATIONAL_ID},
	{"social security", CORDON_ID_NATIONAL_ID},
	{"nit", CORDON_ID_TAX_ID},
	{"tax id", CORDON_ID_TAX_ID},
	{"tax identification", CORDON_ID_TAX_ID},
	{"tax number", CORDON_ID_TAX_ID},
	{"taxnumber", CORDON_ID_TAX_ID},
	{"inn", CORDON_ID_TAX_ID},
	{"r.f.c", CORDON_ID_TAX_ID},
	{"rfc", CORDON_ID_TAX_ID},
	{"ruc", CORDON_ID_TAX_ID},
	{"vat", CORDON_ID_TAX_ID},
	{"v.a.t", CORDON_ID_TAX_ID},
	{"c.u.i.t", CORDON_ID_TAX_ID},
	{"cuit", CORDON_ID_TAX_ID},
	{"rif", CORDON_ID_TAX_ID},
	{"rtn", CORDON_ID_TAX_ID},
	{"ruc", CORDON_ID_TAX_ID},
	{"kpp", CORDON_ID_TAX_ID},
	{"registration", CORDON_ID_REGISTRATION},
	{"business registration", CORDON_ID_REGISTRATION},
	{"company number", CORDON_ID_REGISTRATION},
	{"commercial registry", CORDON_ID_REGISTRATION},
	{"certificate of incorporation", CORDON_ID_REGISTRATION},
	{"unified social credit code", CORDON_ID_REGISTRATION},
	{"government gazette", CORDON_ID_REGISTRATION},
	{"folio/matricula mercantil", CORDON_ID_REGISTRATION},
	{"matricula mercantil", CORDON_ID_REGISTRATION},
	{"ogrn", CORDON_ID_REGISTRATION},
	{"okpo", CORDON_ID_REGISTRATION},
	{"d-u-n-s", CORDON_ID_REGISTRATION},
	{"duns", CORDON_ID_REGISTRATION},
	{"chamber of commerce", CORDON_ID_REGISTRATION},
	{"trade license", CORDON_ID_REGISTRATION},
	{"vessel registration identification imo", CORDON_ID_IMO},
	{"vessel registration identification", CORDON_ID_IMO},
	{"imo", CORDON_ID_IMO},
	{"international maritime organization", CORDON_ID_IMO},
	{"mmsi", CORDON_ID_MMSI},
	{"call sign", CORDON_ID_CALL_SIGN},
	{"callsign", CORDON_ID_CALL_SIGN},
	{"other vessel call sign", CORDON_ID_CALL_SIGN},
	{"vessel call sign", CORDON_ID_CALL_SIGN},
	{"swift", CORDON_ID_SWIFT_BIC},
	{"bic", CORDON_ID_SWIFT_BIC},
	{"lei", CORDON_ID_LEI},
	{"legal entity number", CORDON_ID_LEI},
	{"digital currency address", CORDON_ID_CRYPTO},
	{"email", CORDON_ID_EMAIL},
	{"e-mail", CORDON_ID_EMAIL},
	{"website", CORDON_ID_WEBSITE},
	{"web site", CORDON_ID_WEBSITE},
	{"url", CORDON_ID_WEBSITE},
	{"telephone", CORDON_ID_PHONE},
	{"phone", CORDON_ID_PHONE},
	{"fax", CORDON_ID_PHONE},
	{"aircraft", CORDON_ID_AIRCRAFT},
};

/* Lower-case ASCII copy without leading punctuation, "alt." or trailing ':' / '-' / spaces. */
static void normalise(const char *label, char *out, size_t size)
{
	while (*label == ' ' || *label == '(')
		label++;
	if (cu_starts_with_ci(label, "alt. "))
		label += 5;
	size_t n = 0;
	for (; *label && n + 1 < size; label++)
		out[n++] = (*label >= 'A' && *label <= 'Z') ? (char)(*label + 32) : *label;
	while (n && (out[n - 1] == ' ' || out[n - 1] == ':' || out[n - 1] == '-' || out[n - 1] == '.'))
		n--;
	out[n] = '\0';
}

/* True when label starts with prefix and the prefix ends at a word boundary. */
static int starts_with_word(const char *label, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(label, prefix, n) != 0)
		return 0;
	char next = label[n];
	return next == '\0' || next == ' ' || next == '.' || next == ':' || next == '-' || next == '/' ||
	       next == '(' || next == ',';
}

cordon_id_kind cm_id_kind_from_label(const char *label)
{
	char norm[128];
	if (!label)
		return CORDON_ID_OTHER;
	normalise(label, norm, sizeof(norm));
	for (size_t i = 0; i < sizeof(label_kinds) / sizeof(*label_kinds); i++)
		if (starts_with_word(norm, label_kinds[i].prefix))
			return label_kinds[i].kind;
	size_t n = strlen(norm); /* "Kenyan ID Card", "Residency ID Card" */
	if (n > 8 && strcmp(norm + n - 8, " id card") == 0)
		return CORDON_ID_NATIONAL_ID;
	return CORDON_ID_OTHER;
}

int cm_is_identifier_label(const char *label)
{
	char norm[128];
	if (!label)
		return 0;
	if (cm_id_kind_from_label(label) != CORDON_ID_OTHER)
		return 1;
	normalise(label, norm, sizeof(norm));
	size_t n = strlen(norm);
	static const char *const suffixes[] = {" no", " number", " id", " code", " identification"};
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		size_t s = strlen(suffixes[i]);
		if (n > s && strcmp(norm + n - s, suffixes[i]) == 0)
			return 1;
	}
	return strstr(norm, " id no") != NULL || strstr(norm, "number") != NULL;
}
