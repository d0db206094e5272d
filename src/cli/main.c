#include <stdio.h>
#include "cordon.h"
int main(void) { printf("cordon %s\n", cordon_version()); return 0; }
