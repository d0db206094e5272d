/**
 * @file cordon.h
 * @brief Umbrella header of libcordon, the sanctions and export-control screening library.
 */
#ifndef CORDON_H
#define CORDON_H

#include "cordon/common.h"
#include "cordon/entity.h"
#include "cordon/snapshot.h"
#include "cordon/screen.h"

#endif
