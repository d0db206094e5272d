/**
 * @file cordon/entity.h
 * @brief The one record type for everything a sanctions or denied-party list names.
 *
 * Every string is UTF-8, NUL-terminated, trimmed, and never NULL inside an
 * array; optional scalar strings are NULL when the source does not give them.
 * Entities handed out by a snapshot are borrowed views: valid while the
 * snapshot is open, released with cordon_entity_dispose().
 */
#ifndef CORDON_ENTITY_H
#define CORDON_ENTITY_H

#include "common.h"

CORDON_BEGIN_DECL

typedef enum {
	CORDON_SCHEMA_UNKNOWN = 0,
	CORDON_SCHEMA_PERSON = 1,
	CORDON_SCHEMA_ORGANIZATION = 2,
	CORDON_SCHEMA_VESSEL = 3,
	CORDON_SCHEMA_AIRCRAFT = 4
} cordon_schema;
#define CORDON_SCHEMA_COUNT 5

/** "person", "organization", ...; NULL for an out-of-range value. */
CORDON_EXTERN(const char *) cordon_schema_name(cordon_schema schema);
/** Parses a schema name (also FtM names such as "Company", "LegalEntity"); -1 if unknown. */
CORDON_EXTERN(int) cordon_schema_parse(const char *name);

typedef enum {
	CORDON_NAME_PRIMARY = 0,
	CORDON_NAME_AKA = 1, /**< also known as */
	CORDON_NAME_FKA = 2, /**< formerly known as */
	CORDON_NAME_NKA = 3  /**< now known as */
} cordon_name_kind;

/** "primary", "aka", "fka", "nka". */
CORDON_EXTERN(const char *) cordon_name_kind_name(cordon_name_kind kind);

typedef struct {
	cordon_name_kind kind;
	int weak;           /**< low-quality alias (OFAC weak a.k.a., UN "Low", EU strong=false) */
	const char *full;   /**< the name as published */
	const char *given;  /**< given name(s) where the source separates them, else NULL */
	const char *family; /**< family name where the source separates it, else NULL */
	const char *script; /**< ISO 15924 code or language tag where given (e.g. "Cyrl"), else NULL */
} cordon_name;

typedef enum {
	CORDON_DATE_NONE = 0,
	CORDON_DATE_DAY = 1,   /**< exact day */
	CORDON_DATE_MONTH = 2, /**< month and year */
	CORDON_DATE_YEAR = 3,  /**< year only */
	CORDON_DATE_RANGE = 4, /**< between start and end */
	CORDON_DATE_TEXT = 5   /**< only free text could be kept (e.g. a Hijri date) */
} cordon_date_precision;

/**
 * A date with its precision. Start and end always bound the possible days:
 * for "1961" start is 1961-01-01 and end 1961-12-31; month/day are 0 only
 * for CORDON_DATE_TEXT.
 */
typedef struct {
	cordon_date_precision precision;
	int circa; /**< the source says approximately */
	int16_t year, end_year;
	int8_t month, day, end_month, end_day;
	const char *text; /**< the date as published */
} cordon_date;

typedef enum {
	CORDON_ID_OTHER = 0,
	CORDON_ID_PASSPORT = 1,
	CORDON_ID_NATIONAL_ID = 2,
	CORDON_ID_TAX_ID = 3,
	CORDON_ID_REGISTRATION = 4,
	CORDON_ID_IMO = 5,
	CORDON_ID_MMSI = 6,
	CORDON_ID_CALL_SIGN = 7,
	CORDON_ID_SWIFT_BIC = 8,
	CORDON_ID_LEI = 9,
	CORDON_ID_CRYPTO = 10,
	CORDON_ID_EMAIL = 11,
	CORDON_ID_WEBSITE = 12,
	CORDON_ID_PHONE = 13,
	CORDON_ID_AIRCRAFT = 14 /**< tail number, serial number (MSN) */
} cordon_id_kind;
#define CORDON_ID_KIND_COUNT 15

CORDON_EXTERN(const char *) cordon_id_kind_name(cordon_id_kind kind);
CORDON_EXTERN(int) cordon_id_kind_parse(const char *name);

/**
 * ISO 3166 alpha-2 code (upper case, static) for a country name or code as lists and
 * users write them ("Russia", "Russian Federation", "Korea, North", "ru"), or NULL.
 */
CORDON_EXTERN(const char *) cordon_country_code(const char *name_or_code);
/** English name (static) of an alpha-2 code, or NULL when the code is not assigned. */
CORDON_EXTERN(const char *) cordon_country_name(const char *code);

typedef struct {
	cordon_id_kind kind;
	const char *label;   /**< the source's own label, e.g. "Cedula No." */
	const char *value;   /**< as published */
	const char *country; /**< issuing country, ISO 3166 alpha-2, or NULL */
	const char *note;    /**< issue/expiry and other qualifiers, or NULL */
} cordon_identifier;

typedef struct {
	const char *full;    /**< one-line rendering */
	const char *street;
	const char *city;
	const char *region;
	const char *postal_code;
	const char *country; /**< ISO 3166 alpha-2 or NULL */
} cordon_address;

typedef struct {
	const char *kind;   /**< "linked_to", "owner", "director", ... */
	const char *target; /**< the related party's name or entity id */
} cordon_relation;

/** A labelled fact the model has no field for (vessel type, tonnage, unknown remark items). */
typedef struct {
	const char *key;
	const char *value;
} cordon_attribute;

typedef struct {
	const char *id;      /**< "<dataset>:<native id>" */
	const char *dataset; /**< e.g. "ofac-sdn" */
	cordon_schema schema;
	const char *gender;  /**< "male", "female", "other" or NULL */
	cordon_name *names;  /**< names[0] is the primary name */
	size_t name_count;
	cordon_date *birth_dates;
	size_t birth_date_count;
	const char **birth_places;
	size_t birth_place_count;
	const char **nationalities; /**< ISO 3166 alpha-2 */
	size_t nationality_count;
	const char **citizenships;
	size_t citizenship_count;
	const char **countries; /**< other country links (residence, jurisdiction, flag) */
	size_t country_count;
	cordon_identifier *identifiers;
	size_t identifier_count;
	cordon_address *addresses;
	size_t address_count;
	const char **programs;
	size_t program_count;
	const char **titles; /**< titles and positions */
	size_t title_count;
	cordon_relation *relations;
	size_t relation_count;
	cordon_attribute *attributes;
	size_t attribute_count;
	cordon_date listing_date; /**< precision NONE when unknown */
	const char *remarks;
	const char *source_url;
} cordon_entity;

/** Releases the arrays of an entity obtained from a snapshot (not the strings, which are borrowed). */
CORDON_EXTERN(void) cordon_entity_dispose(cordon_entity *entity);

/**
 * Renders an entity as a JSON object. *out is allocated with malloc and
 * must be freed by the caller.
 */
CORDON_EXTERN(int) cordon_entity_to_json(const cordon_entity *entity, char **out) CORDON_WARN_UNUSED;

CORDON_END_DECL

#endif
