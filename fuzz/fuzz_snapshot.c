/* libFuzzer entry point for the snapshot loader: arbitrary bytes must be refused cleanly, never crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cordon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[256];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s/fuzz-snap-%d", tmp && *tmp ? tmp : "/tmp", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	cordon_snapshot *s;
	if (cordon_snapshot_open(&s, path) == 0) {
		for (size_t i = 0; i < cordon_snapshot_entity_count(s); i++) {
			cordon_entity e;
			if (cordon_snapshot_entity(s, i, &e) == 0)
				cordon_entity_dispose(&e);
		}
		cordon_snapshot_free(s);
	}
	unlink(path);
	return 0;
}
