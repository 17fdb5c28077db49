#ifndef TWPC_CSQLITE_SHIM_H
#define TWPC_CSQLITE_SHIM_H
#include <sqlite3.h>
/* SQLITE_TRANSIENT is a macro Swift cannot import. */
static inline void (*twpc_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
/* sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics, whose
   global mutex every allocation of every connection takes; call before the first connection opens. */
static inline int twpc_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
