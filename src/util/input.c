#include "util/input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "util/error.h"
#include "util/strutil.h"

struct cu_input {
	gzFile gz;
	char *path;
	unsigned long line_no;
	unsigned char block[1 << 16];
	size_t pos, end;
	int eof;
};

int cu_input_open(cu_input **out, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return cu_fail(errno == ENOENT ? CORDON_ENOTFOUND : CORDON_EIO, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return cu_fail(CORDON_EIO, "%s: is a directory, expected a file", path);
	cu_input *in = calloc(1, sizeof(*in));
	if (!in)
		return cu_fail(CORDON_ENOMEM, "%s: out of memory", path);
	in->path = cu_strdup(path);
	in->gz = gzopen(path, "rb"); /* reads plain files unchanged */
	if (!in->gz || !in->path) {
		int code = errno == ENOENT ? CORDON_ENOTFOUND : CORDON_EIO;
		cu_input_close(in);
		return cu_fail(code, "%s: cannot open: %s", path, strerror(errno));
	}
	gzbuffer(in->gz, 1 << 17);
	*out = in;
	return 0;
}

void cu_input_close(cu_input *in)
{
	if (!in)
		return;
	if (in->gz)
		gzclose(in->gz);
	free(in->path);
	free(in);
}

static int fill(cu_input *in)
{
	if (in->eof)
		return 0;
	int n = gzread(in->gz, in->block, sizeof(in->block));
	if (n < 0) {
		int err;
		const char *msg = gzerror(in->gz, &err);
		return cu_fail(CORDON_EIO, "%s: read error: %s", in->path, msg);
	}
	if (n == 0) {
		/* A truncated gzip stream reads as a short file; gzerror tells them apart. */
		int err = Z_OK;
		const char *msg = gzerror(in->gz, &err);
		in->eof = 1;
		if (err != Z_OK && err != Z_STREAM_END)
			return cu_fail(CORDON_EIO, "%s: %s", in->path, msg);
		return 0;
	}
	in->pos = 0;
	in->end = (size_t)n;
	return 1;
}

long cu_input_read(cu_input *in, void *dst, size_t len)
{
	size_t done = 0;
	while (done < len) {
		if (in->pos == in->end) {
			int rc = fill(in);
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
		}
		size_t n = in->end - in->pos;
		if (n > len - done)
			n = len - done;
		memcpy((char *)dst + done, in->block + in->pos, n);
		in->pos += n;
		done += n;
	}
	return (long)done;
}

int cu_input_line(cu_input *in, cu_buf *line)
{
	cu_buf_reset(line);
	int got_any = 0, too_long = 0;
	for (;;) {
		if (in->pos == in->end) {
			int rc = fill(in);
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
		}
		unsigned char *start = in->block + in->pos;
		unsigned char *nl = memchr(start, '\n', in->end - in->pos);
		size_t n = nl ? (size_t)(nl - start) : in->end - in->pos;
		got_any = 1;
		if (!too_long && cu_buf_append(line, start, n) != 0)
			too_long = 1;
		in->pos += n + (nl ? 1 : 0);
		if (nl)
			break;
	}
	if (!got_any)
		return 0;
	in->line_no++;
	if (too_long)
		return cu_fail(CORDON_ELIMIT, "%s:%lu: line longer than %zu bytes", in->path, in->line_no, line->max);
	while (line->len && (line->data[line->len - 1] == '\r' || line->data[line->len - 1] == 0x1A))
		line->data[--line->len] = '\0';
	return 1; /* the DOS end-of-file byte leaves an empty last line: callers skip blank lines */
}

unsigned long cu_input_line_number(const cu_input *in)
{
	return in->line_no;
}

const char *cu_input_path(const cu_input *in)
{
	return in->path;
}

int cu_read_file(const char *path, size_t max, char **out, size_t *len_out)
{
	cu_input *in;
	int rc = cu_input_open(&in, path);
	if (rc)
		return rc;
	cu_buf b;
	cu_buf_init(&b, max);
	char chunk[1 << 16];
	long n;
	while ((n = cu_input_read(in, chunk, sizeof(chunk))) > 0) {
		if (cu_buf_append(&b, chunk, (size_t)n) != 0) {
			cu_buf_dispose(&b);
			cu_input_close(in);
			return cu_fail(CORDON_ELIMIT, "%s: larger than %zu bytes", path, max);
		}
	}
	cu_input_close(in);
	if (n < 0) {
		cu_buf_dispose(&b);
		return (int)n;
	}
	if (len_out)
		*len_out = b.len;
	*out = cu_buf_take(&b);
	return 0;
}
