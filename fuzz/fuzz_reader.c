/* libFuzzer entry point for one reader (FUZZ_FORMAT is set per target by CMake). */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	fuzz_run_reader(FUZZ_FORMAT, data, size, tmp && *tmp ? tmp : "/tmp");
	return 0;
}
