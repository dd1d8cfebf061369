#ifndef VIGIL_CLIBXML2_SHIM_H
#define VIGIL_CLIBXML2_SHIM_H

// libxml2-dev pulls in ICU headers; with both Foundation and this module imported, clang can see two
// definitions of UErrorCode. Vigil never uses libxml2's ICU support, so hide it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlstring.h>
#include <libxml/uri.h>
#include <libxml/entities.h>
#include <libxml/encoding.h>
#include <libxml/xmlIO.h>
#include <libxml/globals.h>
#include <libxml/xmlsave.h>

/// xmlFree is a mutable global function pointer, which Swift 6 rejects: call it through here.
static inline void vigil_xmlFree(void *ptr) { xmlFree(ptr); }

/// A generic error callback that drops the message. libxml2's generic callback is variadic, which Swift
/// cannot implement, so it lives here.
static inline void vigil_ignoreGenericError(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

/// Routes libxml2's generic (context-less) errors to nowhere, for threads created from now on and for the
/// calling thread. Every parse collects its own errors through a per-context structured handler instead.
static inline void vigil_silenceGenericErrors(void) {
    xmlThrDefSetGenericErrorFunc(NULL, vigil_ignoreGenericError);
    xmlSetGenericErrorFunc(NULL, vigil_ignoreGenericError);
}

/// Routes libxml2's generic errors to nowhere on the calling thread only (its error globals are per thread).
static inline void vigil_silenceThreadGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, vigil_ignoreGenericError);
}

#endif
