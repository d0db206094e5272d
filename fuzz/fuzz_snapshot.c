/*
 * libFuzzer entry point for the snapshot loader: arbitrary bytes must be
 * refused cleanly, never crash. By default the header's size and checksum
 * are fixed first so mutations reach the sections behind the checksum; with
 * FUZZ_SNAPSHOT_RAW=1 in the environment the bytes are loaded as they are.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int raw = -1;
	if (raw < 0) {
		const char *r = getenv("FUZZ_SNAPSHOT_RAW");
		raw = r && *r == '1';
	}
	const char *tmp = getenv("TMPDIR");
	fuzz_run_snapshot(data, size, !raw, tmp && *tmp ? tmp : "/tmp");
	return 0;
}
