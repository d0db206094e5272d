/**
 * @file cordon/common.h
 * @brief Export macros, error codes and the per-thread last error.
 */
#ifndef CORDON_COMMON_H
#define CORDON_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define CORDON_BEGIN_DECL extern "C" {
#define CORDON_END_DECL }
#else
#define CORDON_BEGIN_DECL
#define CORDON_END_DECL
#endif

#if defined(__GNUC__)
#define CORDON_EXTERN(type) extern __attribute__((visibility("default"))) type
#define CORDON_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define CORDON_EXTERN(type) extern type
#define CORDON_WARN_UNUSED
#endif

CORDON_BEGIN_DECL

/**
 * Return codes. 0 is success, failures are negative. Numbers are never
 * reused or renumbered: clients and the HTTP layer depend on them.
 */
typedef enum {
	CORDON_OK = 0,
	CORDON_ERROR = -1,     /**< generic failure */
	CORDON_ENOTFOUND = -2, /**< file, entity or key does not exist */
	CORDON_EINVALID = -3,  /**< invalid argument or option */
	CORDON_EPARSE = -4,    /**< input could not be parsed */
	CORDON_ELIMIT = -5,    /**< a size or count limit was exceeded */
	CORDON_EIO = -6,       /**< read or write failed */
	CORDON_ENOMEM = -7,    /**< out of memory */
	CORDON_ECORRUPT = -8,  /**< snapshot checksum or structure is wrong */
	CORDON_EVERSION = -9   /**< snapshot written by an incompatible format version */
} cordon_error_code;

/** Short description of an error code (static string). */
CORDON_EXTERN(const char *) cordon_strerror(int code);

/**
 * Message of the last failure on this thread, naming the file, line or field
 * where one is known; "" when none. Valid until the next failing call.
 */
CORDON_EXTERN(const char *) cordon_last_error(void);

/** Library version as "MAJOR.MINOR.PATCH". */
CORDON_EXTERN(const char *) cordon_version(void);

CORDON_END_DECL

#endif
