#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_message[1024];

int cu_fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	return code;
}

void cu_error_clear(void)
{
	last_message[0] = '\0';
}

const char *cordon_last_error(void)
{
	return last_message;
}

const char *cordon_strerror(int code)
{
	switch (code) {
	case CORDON_OK: return "success";
	case CORDON_ENOTFOUND: return "not found";
	case CORDON_EINVALID: return "invalid argument";
	case CORDON_EPARSE: return "parse error";
	case CORDON_ELIMIT: return "limit exceeded";
	case CORDON_EIO: return "input/output error";
	case CORDON_ENOMEM: return "out of memory";
	case CORDON_ECORRUPT: return "corrupt snapshot";
	case CORDON_EVERSION: return "unsupported snapshot version";
	default: return "error";
	}
}

const char *cordon_version(void)
{
	return CORDON_VERSION_STRING;
}
