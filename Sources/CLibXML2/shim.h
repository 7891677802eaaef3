#include <libxml/xmlversion.h>
// libxml2 may include the system's ICU headers, which clash with the ICU that Foundation
// bundles; feedsmith never touches libxml2's ICU converters, so leave them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

// libxml2 prints some errors (encoding conversion in xmlParseChunk) through its per-thread
// generic handler, straight to stderr. A variadic handler cannot be written in Swift, so it is
// here: feedsmith installs it on each parsing thread and reports what the reader collects.
static void feedsmith_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void feedsmith_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, feedsmith_ignore_generic_error);
}

// `xmlFree` is a global function pointer, which Swift 6 will not read from concurrent code.
static inline void feedsmith_xml_free(void *pointer) {
    xmlFree(pointer);
}
