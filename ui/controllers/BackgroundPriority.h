#pragma once
// Lowers the calling worker thread's CPU priority (Linux: per-thread nice +10), so decoding and
// probing never take the core the GUI thread needs to paint. Threads the worker starts afterwards
// (the importer's probing threads) inherit it. Not undone: the threads that call it do background
// work only (the QtConcurrent pool, the clip loader threads), and raising priority back would need
// privileges. Elsewhere a no-op.
namespace binge::ui {

void lowerCurrentThreadPriority();

}  // namespace binge::ui
