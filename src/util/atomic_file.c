#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/strutil.h"

int cu_atomic_open(cu_atomic_file *af, const char *path)
{
	memset(af, 0, sizeof(*af));
	cu_buf tmp;
	cu_buf_init(&tmp, 4096);
	if (cu_buf_printf(&tmp, "%s.tmp.XXXXXX", path) != 0)
		return cu_fail(CORDON_ELIMIT, "%s: path too long", path);
	af->tmp_path = cu_buf_take(&tmp);
	af->path = cu_strdup(path);
	int fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		int e = errno;
		free(af->tmp_path);
		free(af->path);
		memset(af, 0, sizeof(*af));
		return cu_fail(CORDON_EIO, "%s: cannot create temporary file: %s", path, strerror(e));
	}
	fchmod(fd, 0644);
	af->f = fdopen(fd, "wb");
	if (!af->f) {
		close(fd);
		cu_atomic_abort(af);
		return cu_fail(CORDON_EIO, "%s: fdopen failed", path);
	}
	return 0;
}

static void sync_parent_dir(const char *path)
{
	char *dir = cu_strdup(path);
	if (!dir)
		return;
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	int fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int cu_atomic_commit(cu_atomic_file *af)
{
	int failed = fflush(af->f) != 0 || ferror(af->f) || fsync(fileno(af->f)) != 0;
	int e = errno;
	if (fclose(af->f) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	af->f = NULL;
	if (!failed && rename(af->tmp_path, af->path) != 0) {
		failed = 1;
		e = errno;
	}
	if (failed) {
		int rc = cu_fail(CORDON_EIO, "%s: write failed: %s", af->path, strerror(e));
		cu_atomic_abort(af);
		return rc;
	}
	sync_parent_dir(af->path);
	free(af->tmp_path);
	free(af->path);
	memset(af, 0, sizeof(*af));
	return 0;
}

void cu_atomic_abort(cu_atomic_file *af)
{
	if (af->f)
		fclose(af->f);
	if (af->tmp_path)
		unlink(af->tmp_path);
	free(af->tmp_path);
	free(af->path);
	memset(af, 0, sizeof(*af));
}
