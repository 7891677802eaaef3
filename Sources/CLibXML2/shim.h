#include <libxml/xmlversion.h>
// libxml2 may include the system's ICU headers, which clash with the ICU that Foundation
// bundles; feedsmith never touches libxml2's ICU converters, so leave them out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
