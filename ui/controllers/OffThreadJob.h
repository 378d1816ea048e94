#pragma once
// Work off the GUI thread and its outcome back on it: the one pattern behind every background job of
// the views and controllers. run() starts `work` on a thread pool; when it is done, `done(value)` — or
// `failed(message)` when it threw — runs on the receiver's thread, but only if no later run() or
// cancel() of the same job came in between: a stale outcome is dropped, never shown. Nothing is
// delivered once the receiver is destroyed (the watcher is its child). The work must own what it touches
// (capture by value, shared pointers to immutable data); it never touches a QObject.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent>

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace binge::ui {

class OffThreadJob {
 public:
  // Returns the job's serial: the newest run() has the highest.
  template <typename Work, typename Done, typename Failed>
  quint64 run(QObject* receiver, QThreadPool* pool, Work work, Done done, Failed failed) {
    using Value = std::invoke_result_t<Work&>;
    struct Outcome {
      std::optional<Value> value;
      QString error;
    };
    const quint64 serial = ++serial_;
    auto* watcher = new QFutureWatcher<Outcome>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver,
                     [this, watcher, serial, done = std::move(done), failed = std::move(failed)]() mutable {
                       watcher->deleteLater();
                       if (serial != serial_) return;  // a newer job was started, or this one cancelled
                       Outcome outcome = watcher->result();
                       if (outcome.value)
                         done(std::move(*outcome.value));
                       else
                         failed(outcome.error);
                     });
    auto task = [work = std::move(work)]() mutable {
      Outcome outcome;
      try {
        outcome.value.emplace(work());
      } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
      } catch (...) {
        outcome.error = "an unknown error";
      }
      return outcome;
    };
    watcher->setFuture(pool ? QtConcurrent::run(pool, std::move(task)) : QtConcurrent::run(std::move(task)));
    return serial;
  }

  // The running job's outcome, if any, will be dropped.
  void cancel() { ++serial_; }
  quint64 serial() const { return serial_; }

 private:
  quint64 serial_ = 0;
};

}  // namespace binge::ui
