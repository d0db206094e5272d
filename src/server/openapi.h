/*
 * The OpenAPI document of every route (docs/openapi.json), compiled into the
 * server by CMake so that the binary serves the document it was built with.
 */
#ifndef CORDON_SERVER_OPENAPI_H
#define CORDON_SERVER_OPENAPI_H

#include <stddef.h>

/* The document's bytes, followed by a NUL that srv_openapi_json_len does not count. */
extern const char srv_openapi_json[];
extern const size_t srv_openapi_json_len;

#endif
