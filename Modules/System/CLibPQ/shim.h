#ifndef WHARF_CLIBPQ_SHIM_H
#define WHARF_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
