#include "FindSimilarActions.h"

#include "BatchView.h"
#include "ClipViewer.h"
#include "LibraryView.h"
#include "RetrievalView.h"

#include <QAction>
#include <QTableWidget>

namespace binge::ui {

void offerFindSimilar(BatchView* view, RetrievalView* retrieval, LibraryProvider library) {
  auto* action = new QAction("Find similar clips", view);
  action->setObjectName("actionFindSimilarBatch");
  action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
  action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  action->setToolTip("Query the Retrieval tab with the selected clip of the batch");
  view->addAction(action);
  QTableWidget* table = view->table();
  table->setContextMenuPolicy(Qt::ActionsContextMenu);
  table->addAction(action);
  QObject::connect(action, &QAction::triggered, retrieval, [retrieval, view, table, library = std::move(library)] {
    const auto lib = library ? library() : nullptr;
    // A right-click makes its row current before the menu shows; the selection otherwise.
    const int row = view->selectedRow() >= 0 ? view->selectedRow() : table->currentRow();
    if (!lib || row < 0 || row >= view->clipCount()) return;
    const size_t i = static_cast<size_t>(view->batchIndexOfRow(row));
    const BatchDraw& draw = view->batch();
    if (i >= draw.windows.size() || i >= draw.titleIndex.size()) return;
    retrieval->findSimilarFrom(*lib, draw.titleIndex[i], draw.windows[i].start);
  });
}

void offerFindSimilar(LibraryView* view, RetrievalView* retrieval, LibraryProvider library) {
  auto* action = new QAction("Find similar clips", view);
  action->setObjectName("actionFindSimilar");
  action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
  action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  action->setToolTip("Query the Retrieval tab with the clip shown in the viewer");
  view->addAction(action);
  // Right-click on the clip viewer offers it too.
  ClipViewer* viewer = view->clipViewer();
  viewer->setContextMenuPolicy(Qt::ActionsContextMenu);
  viewer->addAction(action);
  QObject::connect(action, &QAction::triggered, retrieval, [retrieval, viewer, library = std::move(library)] {
    const auto lib = library ? library() : nullptr;
    if (lib) retrieval->findSimilarFrom(*lib, viewer->titleIndex(), viewer->position());
  });
}

}  // namespace binge::ui
