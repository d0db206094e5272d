/* Shared by the SQLite backend's files (sqlite.c, sqlite_schema.c) only. */
#ifndef CORDON_STORE_SQLITE_INTERNAL_H
#define CORDON_STORE_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

/* The cordon_error_code for an SQLite result code. */
int sqlite_code(int sqlite_rc);

/* Brings the schema up to STORE_SCHEMA_VERSION; refuses a newer or foreign file. */
int sqlite_migrate(sqlite3 *db, const char *path);

#endif
