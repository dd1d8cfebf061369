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

/// xmlFree is a mutable global function pointer, which Swift 6 rejects: call it through here.
static inline void vigil_xmlFree(void *ptr) { xmlFree(ptr); }

#endif
