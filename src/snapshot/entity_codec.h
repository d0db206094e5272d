/*
 * Entities inside a snapshot: a fixed-size row per entity (for scanning and
 * lookup without decoding) plus a compact varint record with everything
 * else, decoded on demand into a cordon_entity whose strings point into the
 * mapped string pool.
 */
#ifndef CSNAP_ENTITY_CODEC_H
#define CSNAP_ENTITY_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "cordon/entity.h"
#include "snapshot/strings.h"
#include "util/buf.h"

typedef struct {
	uint32_t id;      /* string refs */
	uint32_t dataset;
	uint32_t name;
	uint8_t schema;
	uint8_t reserved[3];
	uint64_t record_offset;
	uint32_t record_size;
	uint32_t name_count;
} csnap_entity_row;

/* Appends the record of e to records and fills row. */
int csnap_encode_entity(const cordon_entity *e, csnap_strings *sp, cu_buf *records, csnap_entity_row *row);

/* Decodes a record; out's arrays are one malloc block released by cordon_entity_dispose. */
int csnap_decode_entity(const csnap_entity_row *row, const uint8_t *records, size_t records_size,
                        const char *pool, size_t pool_size, cordon_entity *out);

#endif
