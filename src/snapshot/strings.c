#include "snapshot/strings.h"

#include <string.h>

void csnap_strings_init(csnap_strings *sp)
{
	cu_buf_init(&sp->data, (size_t)UINT32_MAX - 1);
	cu_strmap_init(&sp->index);
	cu_buf_putc(&sp->data, '\0'); /* offset 0 is the empty string */
}

void csnap_strings_dispose(csnap_strings *sp)
{
	cu_buf_dispose(&sp->data);
	cu_strmap_dispose(&sp->index);
}

uint32_t csnap_strings_add(csnap_strings *sp, const char *s, int *failed)
{
	if (!s)
		return 0;
	size_t off;
	if (cu_strmap_get(&sp->index, s, &off))
		return (uint32_t)off + 1;
	off = sp->data.len;
	if (cu_buf_append(&sp->data, s, strlen(s) + 1) != 0 || cu_strmap_put(&sp->index, s, off) != 0) {
		*failed = 1;
		return 0;
	}
	return (uint32_t)off + 1;
}
