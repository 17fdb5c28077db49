#ifndef TWPC_CLIBPQ_SHIM_H
#define TWPC_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
