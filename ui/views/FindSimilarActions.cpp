#include "FindSimilarActions.h"

#include "BatchView.h"
#include "ClipViewer.h"
#include "LibraryView.h"
#include "RetrievalView.h"

#include <QAction>
#include <QTableWidget>

namespace binge::ui {
namespace {

// The action on `view` (Ctrl+Shift+F while it has focus) and in the context menu of `menuOwner`.
QAction* addFindSimilarAction(QWidget* view, QWidget* menuOwner, const QString& objectName, const QString& toolTip) {
  auto* action = new QAction("Find similar clips", view);
  action->setObjectName(objectName);
  action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
  action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  action->setToolTip(toolTip);
  view->addAction(action);
  menuOwner->setContextMenuPolicy(Qt::ActionsContextMenu);
  menuOwner->addAction(action);
  return action;
}

}  // namespace

void offerFindSimilar(BatchView* view, RetrievalView* retrieval, LibraryProvider library) {
  QTableWidget* table = view->table();
  QAction* action = addFindSimilarAction(view, table, "actionFindSimilarBatch",
                                         "Query the Retrieval tab with the selected clip of the batch");
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
  ClipViewer* viewer = view->clipViewer();  // right-click on the clip viewer offers it too
  QAction* action = addFindSimilarAction(view, viewer, "actionFindSimilar",
                                         "Query the Retrieval tab with the clip shown in the viewer");
  QObject::connect(action, &QAction::triggered, retrieval, [retrieval, viewer, library = std::move(library)] {
    const auto lib = library ? library() : nullptr;
    if (lib) retrieval->findSimilarFrom(*lib, viewer->titleIndex(), viewer->position());
  });
}

}  // namespace binge::ui
