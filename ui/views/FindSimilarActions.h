#pragma once
// "Find similar clips" (Ctrl+Shift+F, and a context menu) offered by other tabs: each queries the
// Retrieval tab with the clip it shows. Hooked from outside, so the Library and Batches tabs need to
// know nothing of retrieval.
#include <QtGlobal>

#include <functional>
#include <memory>

namespace binge {
struct Library;
}

namespace binge::ui {

class BatchView;
class LibraryView;
class RetrievalView;

// The library the offering tab shows (titles by index).
using LibraryProvider = std::function<std::shared_ptr<const Library>()>;

// In the Library tab: the clip in its viewer (also the viewer's context menu).
void offerFindSimilar(LibraryView* view, RetrievalView* retrieval, LibraryProvider library);
// In the Batches tab: the selected clip of the drawn batch (also the batch table's context menu).
void offerFindSimilar(BatchView* view, RetrievalView* retrieval, LibraryProvider library);

}  // namespace binge::ui
