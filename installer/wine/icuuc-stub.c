/* A stand-in for Windows' icuuc.dll, for the Wine TEST PREFIX ONLY (.ci/windows): Qt 6.10+
 * (PySide6's Qt6Core.dll) imports these 20 functions of the ICU that Windows 10 1903+ ships,
 * and Wine 8 has no icuuc.dll, so Qt would not load at all. Here every converter is "not
 * available" (ucnv_open fails, no converter is listed) and Qt uses its own UTF-8/UTF-16/
 * Latin-1 codecs, all opsdesk needs. Never shipped: a real Windows has the real DLL.
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o icuuc.dll icuuc-stub.c icuuc-stub.def */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

static void fail(UErrorCode *status) { if (status && *status <= 0) *status = U_FILE_ACCESS_ERROR; }

void *ucnv_open(const char *name, UErrorCode *status) { (void)name; fail(status); return NULL; }
void ucnv_close(void *converter) { (void)converter; }
void ucnv_reset(void *converter) { (void)converter; }
signed char ucnv_getMaxCharSize(const void *converter) { (void)converter; return 4; }
const char *ucnv_getName(const void *converter, UErrorCode *status) { (void)converter; fail(status); return NULL; }
const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *status) { (void)name; (void)standard; fail(status); return NULL; }
int ucnv_countAvailable(void) { return 0; }
const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
void ucnv_getToUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
void ucnv_getFromUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
void ucnv_setToUCallBack(void *c, void *a, const void *n, void **oa, const void **oc, UErrorCode *status) { (void)c; (void)a; (void)n; (void)oa; (void)oc; fail(status); }
void ucnv_setFromUCallBack(void *c, void *a, const void *n, void **oa, const void **oc, UErrorCode *status) { (void)c; (void)a; (void)n; (void)oa; (void)oc; fail(status); }
void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int *o, signed char f, UErrorCode *status) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(status); }
void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int *o, signed char f, UErrorCode *status) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(status); }
int ucnv_toUCountPending(const void *c, UErrorCode *status) { (void)c; fail(status); return 0; }
int ucnv_fromUCountPending(const void *c, UErrorCode *status) { (void)c; fail(status); return 0; }
void ucnv_cbToUWriteUChars(void *args, const void *source, int length, int offset, UErrorCode *status) { (void)args; (void)source; (void)length; (void)offset; fail(status); }
void ucnv_cbFromUWriteUChars(void *args, const void **source, const void *limit, int offset, UErrorCode *status) { (void)args; (void)source; (void)limit; (void)offset; fail(status); }
void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const void *u, int l, int cp, int reason, UErrorCode *status) { (void)ctx; (void)args; (void)u; (void)l; (void)cp; (void)reason; fail(status); }
void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const char *b, int l, int reason, UErrorCode *status) { (void)ctx; (void)args; (void)b; (void)l; (void)reason; fail(status); }
