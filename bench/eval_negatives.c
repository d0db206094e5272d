/*
 * Evaluation harness: names that must not match. Real people who are not
 * listed (members of the US Congress, from OpenSanctions' Senzing export) and
 * realistic company names made from English, German and Spanish business
 * words, place names and surnames.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "util/error.h"
#include "util/input.h"
#include "util/strmap.h"

/* Adds text unless its key was seen already; 1 when added, 0 when a duplicate, negative on error. */
static int add_unique(eval_queries *q, cu_strmap *seen, const char *text, int kind, int origin)
{
	char *key = eval_name_key(text);
	if (!key)
		return CORDON_ENOMEM;
	size_t v;
	int dup = !key[0] || cu_strmap_get(seen, key, &v);
	int rc = dup ? 0 : cu_strmap_put(seen, key, 0);
	free(key);
	if (rc)
		return rc;
	if (dup)
		return 0;
	rc = eval_queries_add(q, eval_strdup(text), EVAL_NO_TARGET, kind, origin);
	return rc ? rc : 1;
}

/* One Senzing record: every NAMES[].NAME_FULL of a PERSON. */
static int person_record(json_t *root, eval_queries *q, cu_strmap *seen, size_t *skipped)
{
	json_t *type = json_object_get(root, "RECORD_TYPE");
	if (!json_is_string(type)) {
		(*skipped)++; /* the two records describing the offices themselves have none */
		return 0;
	}
	if (strcmp(json_string_value(type), "PERSON") != 0)
		return 0;
	size_t i;
	json_t *name;
	json_array_foreach(json_object_get(root, "NAMES"), i, name)
	{
		const char *full = json_string_value(json_object_get(name, "NAME_FULL"));
		int rc = full ? add_unique(q, seen, full, EK_NEG_PEOPLE, EO_LISTED) : 0;
		if (rc < 0)
			return rc;
	}
	return 0;
}

int eval_load_people(const char *path, eval_queries *q, size_t *skipped_out)
{
	cu_input *in;
	int rc = cu_input_open(&in, path);
	if (rc)
		return rc;
	cu_buf line;
	cu_buf_init(&line, 16u << 20);
	cu_strmap seen;
	cu_strmap_init(&seen);
	size_t before = q->count;
	*skipped_out = 0;
	while (!rc && (rc = cu_input_line(in, &line)) == 1) {
		rc = 0;
		if (!line.len)
			continue;
		json_error_t err;
		json_t *root = json_loadb(line.data, line.len, 0, &err);
		if (!json_is_object(root))
			rc = cu_fail(CORDON_EPARSE, "%s:%lu: not a JSON object: %s", path, cu_input_line_number(in), err.text);
		else
			rc = person_record(root, q, &seen, skipped_out);
		json_decref(root);
	}
	if (rc == 0 && q->count == before)
		rc = cu_fail(CORDON_EPARSE, "%s: no PERSON records", path);
	cu_strmap_dispose(&seen);
	cu_buf_dispose(&line);
	cu_input_close(in);
	return rc;
}

/* ---- company names ---- */

#define COUNT(a) (sizeof(a) / sizeof(*(a)))

static const char *const en_brands[] = {
	"Northbridge", "Pacific Rim", "Silver Creek", "Blue Harbor", "Redwood", "Summit Ridge", "Oakfield",
	"Lakeside", "Granite State", "Cedar Valley", "Harborview", "Westbrook", "Ironwood", "Meadowbrook",
	"Brightwater", "Stonegate", "Riverside", "Kingsbridge", "Maple Leaf", "Evergreen", "Coastal Plains",
	"Highland", "Fairview", "Bayshore", "Clearwater", "Thornbury", "Ashford", "Pinecrest", "Sunvale",
	"Copperfield", "Hollis", "Whitfield", "Harper", "Bennett", "Caldwell", "Prescott", "Langley",
	"Thornton", "Ellison", "Mercer", "Holloway", "Sutherland", "Beaumont", "Crawford", "Davenport",
	"Fletcher", "Gallagher", "Hendricks", "Kensington", "Lockwood", "Montgomery", "Pemberton", "Radcliffe",
	"Sterling", "Tremont", "Wakefield", "Yarmouth", "Aldridge", "Brookfield", "Chesterfield",
};

static const char *const en_trades[] = {
	"Logistics", "Components", "Consulting", "Engineering", "Foods", "Textiles", "Packaging", "Analytics",
	"Solar", "Marine Services", "Software", "Furniture", "Medical Supplies", "Freight", "Tooling",
	"Plastics", "Paper Products", "Ceramics", "Dental Laboratories", "Bakery", "Brewing", "Outdoor Gear",
	"Property Management", "Auto Parts", "Electrical Contractors", "Landscaping", "Printing",
	"Publishing", "Insurance Brokers", "Capital Partners", "Asset Management", "Robotics", "Biosciences",
	"Coffee Roasters", "Seafood", "Timber", "Steel Fabrication", "Home Health", "Veterinary Clinic",
	"Precision Machining", "Data Systems", "Water Treatment", "Orchards", "Dairy", "Glassworks",
	"Signs and Graphics", "Staffing", "Realty", "Architects", "Hardware", "Optics", "Cabinetry",
};

static const char *const en_forms[] = {"Ltd", "Limited", "LLC", "Inc.", "Corp.", "PLC", "Co.", "Pty Ltd", "LLP",
                                       "Inc", "Ltd."};

static const char *const de_names[] = {
	"Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Bauer",
	"Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange",
	"Brandt", "Vogel", "Hamburger", "Bremer", "Kölner", "Dresdner", "Stuttgarter", "Rheintal",
	"Bodensee", "Schwarzwald", "Allgäuer", "Münsterland", "Nordsee", "Spreewald", "Taunus", "Odenwald",
	"Lindner", "Seidel", "Heinrich", "Graf", "Kaiser", "Pohl",
};

static const char *const de_trades[] = {
	"Logistik", "Maschinenbau", "Elektrotechnik", "Metallbau", "Holzbau", "Feinmechanik",
	"Kunststofftechnik", "Verpackungen", "Lebensmittel", "Spedition", "Medizintechnik", "Autohaus",
	"Bäckerei", "Brauerei", "Druckerei", "Möbelwerkstätten", "Solartechnik", "Armaturen",
	"Antriebstechnik", "Umwelttechnik", "Immobilien", "Versicherungsmakler", "Steuerberatung",
	"Gebäudereinigung", "Landtechnik", "Werkzeugbau", "Sanitärtechnik", "Dachdeckerei", "Gartenbau",
	"Fahrzeugteile",
};

static const char *const de_forms[] = {"GmbH", "AG", "GmbH & Co. KG", "KG", "e.K.", "UG (haftungsbeschränkt)",
                                       "GmbH"};

static const char *const es_places[] = {
	"Andino", "del Pacífico", "del Sur", "Mediterráneo", "Cantábrico", "de Levante", "Patagónico",
	"del Caribe", "Rioplatense", "del Norte", "Austral", "del Valle", "Atlántico", "de Occidente",
	"del Bajío", "Serrano", "Costero", "del Altiplano", "Orinoco", "Guadalquivir",
};

static const char *const es_surnames[] = {
	"García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz", "Romero",
	"Navarro", "Torres", "Ruiz", "Moreno", "Ortega", "Delgado", "Castro", "Vargas", "Rojas", "Herrera",
	"Medina", "Iglesias", "Soto", "Cabrera", "Fuentes",
};

static const char *const es_activities[] = {
	"Importaciones", "Exportaciones", "Alimentos", "Servicios Logísticos", "Construcciones", "Textiles",
	"Energía Renovable", "Transportes", "Materiales Eléctricos", "Productos Farmacéuticos",
	"Maquinaria Agrícola", "Envases", "Software", "Turismo", "Café", "Frutas Tropicales",
};

static const char *const es_nouns[] = {
	"Distribuidora", "Comercializadora", "Constructora", "Inmobiliaria", "Transportes", "Laboratorios",
	"Industrias", "Conservas", "Vinos", "Editorial", "Ferretería", "Agrícola", "Panificadora",
	"Consultora", "Clínica Dental", "Textiles",
};

static const char *const es_forms[] = {"S.A.", "S.L.", "S.A. de C.V.", "S.R.L.", "S.A.S.", "Ltda.", "SA", "S.L."};

static const char *pick(eval_rng *r, const char *const *list, size_t n)
{
	return list[eval_rng_below(r, n)];
}

#define PICK(r, list) pick(r, list, COUNT(list))

static void english_company(eval_rng *r, cu_buf *b)
{
	switch (eval_rng_below(r, 5)) {
	case 0: /* Pacific Rim Components Ltd */
	case 1:
		cu_buf_printf(b, "%s %s %s", PICK(r, en_brands), PICK(r, en_trades), PICK(r, en_forms));
		break;
	case 2: /* Harper & Bennett Consulting */
		cu_buf_printf(b, "%s & %s %s", PICK(r, en_brands), PICK(r, en_brands), PICK(r, en_trades));
		break;
	case 3: /* Oakfield Logistics */
		cu_buf_printf(b, "%s %s", PICK(r, en_brands), PICK(r, en_trades));
		break;
	default: /* Northbridge Holdings Group LLC */
		cu_buf_printf(b, "%s %s Group %s", PICK(r, en_brands), PICK(r, en_trades), PICK(r, en_forms));
		break;
	}
}

static void german_company(eval_rng *r, cu_buf *b)
{
	switch (eval_rng_below(r, 3)) {
	case 0: /* Müller Maschinenbau GmbH */
	case 1:
		cu_buf_printf(b, "%s %s %s", PICK(r, de_names), PICK(r, de_trades), PICK(r, de_forms));
		break;
	default: /* Schneider & Koch Spedition GmbH */
		cu_buf_printf(b, "%s & %s %s %s", PICK(r, de_names), PICK(r, de_names), PICK(r, de_trades),
		              PICK(r, de_forms));
		break;
	}
}

static void spanish_company(eval_rng *r, cu_buf *b)
{
	switch (eval_rng_below(r, 4)) {
	case 0: /* Grupo Andino de Importaciones S.A. */
		cu_buf_printf(b, "Grupo %s de %s %s", PICK(r, es_places), PICK(r, es_activities), PICK(r, es_forms));
		break;
	case 1: /* Distribuidora del Pacífico S.A. de C.V. */
		cu_buf_printf(b, "%s %s %s", PICK(r, es_nouns), PICK(r, es_places), PICK(r, es_forms));
		break;
	case 2: /* Transportes Hermanos García S.L. */
		cu_buf_printf(b, "%s Hermanos %s %s", PICK(r, es_nouns), PICK(r, es_surnames), PICK(r, es_forms));
		break;
	default: /* Constructora Vargas y Asociados S.A. */
		cu_buf_printf(b, "%s %s y Asociados %s", PICK(r, es_nouns), PICK(r, es_surnames), PICK(r, es_forms));
		break;
	}
}

int eval_make_companies(const eval_corpus *c, uint64_t seed, size_t n, eval_queries *q)
{
	eval_rng r;
	eval_rng_seed(&r, seed, "companies", NULL, 0);
	cu_strmap seen;
	cu_strmap_init(&seen);
	cu_buf b;
	cu_buf_init(&b, 4096);
	size_t made = 0;
	int rc = 0;
	for (size_t attempt = 0; made < n && attempt < n * 50 && rc >= 0; attempt++) {
		cu_buf_reset(&b);
		size_t lang = eval_rng_below(&r, 10); /* half English, German and Spanish a quarter each */
		if (lang < 5)
			english_company(&r, &b);
		else if (lang < 8)
			german_company(&r, &b);
		else
			spanish_company(&r, &b);
		if (!b.data)
			return CORDON_ENOMEM;
		char *key = eval_name_key(b.data);
		int listed = key && eval_key_listed(c, key);
		free(key);
		if (listed)
			continue;
		rc = add_unique(q, &seen, b.data, EK_NEG_COMPANIES, EO_DERIVED);
		made += rc == 1;
	}
	cu_buf_dispose(&b);
	cu_strmap_dispose(&seen);
	return rc < 0 ? rc : 0;
}
