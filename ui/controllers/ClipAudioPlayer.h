#pragma once
// Plays a clip's mono float audio through Qt Multimedia (QAudioSink, 16-bit PCM) and reports the
// playback position on a timer so a playhead can follow it. Where the system has no audio output it
// says so (available() false, error text) instead of failing.
#include <QBuffer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

class QAudioSink;

namespace binge::ui {

class ClipAudioPlayer : public QObject {
  Q_OBJECT
 public:
  explicit ClipAudioPlayer(QObject* parent = nullptr);
  ~ClipAudioPlayer() override;

  bool available() const;
  bool isPlaying() const;
  void play(const std::vector<float>& samples, int sampleRate);
  void stop();

  // Clamped, rounded float → int16 little-endian PCM.
  static QByteArray toPcm16(const std::vector<float>& samples);

 Q_SIGNALS:
  void position(double seconds);  // while playing, every ~30 ms
  void finished();
  void error(const QString& message);

 private:
  void poll();

  std::unique_ptr<QAudioSink> sink_;
  QByteArray pcm_;
  QBuffer buffer_;
  QTimer timer_;
  double seconds_ = 0.0;
};

}  // namespace binge::ui
