#pragma once
// Lowers the calling worker thread's CPU priority (Linux: per-thread nice +10), so decoding never takes
// the core the GUI thread needs to paint. Threads the worker starts afterwards inherit it. Not undone:
// raising priority back would need privileges, so only threads that do nothing but background work for
// their whole life may call it — today the clip loader threads (ClipLoadService: clips of the viewer
// while scrubbing, thumbnails of the batch view). Never call it on a QThreadPool thread: the pool
// reuses its threads, and a job the user waits for (creating the demo library beside a running
// trainer) would inherit the nice and crawl. Elsewhere a no-op.
namespace binge::ui {

void lowerCurrentThreadPriority();

// The calling thread's nice value (0 where threads have none), so tests can check who runs lowered.
int currentThreadNice();

}  // namespace binge::ui
