#include "ClipAudioPlayer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>

#include <algorithm>
#include <cmath>

namespace binge::ui {

ClipAudioPlayer::ClipAudioPlayer(QObject* parent) : QObject(parent) {
  timer_.setInterval(30);
  connect(&timer_, &QTimer::timeout, this, &ClipAudioPlayer::poll);
}

ClipAudioPlayer::~ClipAudioPlayer() { stop(); }

bool ClipAudioPlayer::available() const { return !QMediaDevices::defaultAudioOutput().isNull(); }
bool ClipAudioPlayer::isPlaying() const { return sink_ && sink_->state() == QAudio::ActiveState; }

QByteArray ClipAudioPlayer::toPcm16(const std::vector<float>& samples) {
  QByteArray pcm(static_cast<int>(samples.size() * 2), Qt::Uninitialized);
  auto* out = reinterpret_cast<qint16*>(pcm.data());
  for (size_t i = 0; i < samples.size(); ++i)
    out[i] = static_cast<qint16>(std::lround(std::clamp(samples[i], -1.0f, 1.0f) * 32767.0f));
  return pcm;
}

void ClipAudioPlayer::play(const std::vector<float>& samples, int sampleRate) {
  stop();
  const QAudioDevice device = QMediaDevices::defaultAudioOutput();
  if (device.isNull()) {
    Q_EMIT error("No audio output on this system.");
    return;
  }
  QAudioFormat format;
  format.setSampleRate(sampleRate);
  format.setChannelCount(1);
  format.setSampleFormat(QAudioFormat::Int16);
  if (!device.isFormatSupported(format)) {
    Q_EMIT error(QString("The audio output %1 cannot play %2 Hz mono 16-bit audio.").arg(device.description()).arg(sampleRate));
    return;
  }
  pcm_ = toPcm16(samples);
  seconds_ = static_cast<double>(samples.size()) / sampleRate;
  buffer_.setData(pcm_);
  buffer_.open(QIODevice::ReadOnly);
  sink_ = std::make_unique<QAudioSink>(device, format);
  connect(sink_.get(), &QAudioSink::stateChanged, this, [this](QAudio::State state) {
    if (state == QAudio::IdleState) {  // all samples played; the sink is not deleted inside its own signal
      QMetaObject::invokeMethod(this, [this] { stop(); Q_EMIT finished(); }, Qt::QueuedConnection);
    } else if (state == QAudio::StoppedState && sink_ && sink_->error() != QAudio::NoError) {
      Q_EMIT error("Audio playback stopped with an error.");
    }
  });
  sink_->start(&buffer_);
  timer_.start();
}

void ClipAudioPlayer::poll() {
  if (!sink_) return;
  Q_EMIT position(std::min(seconds_, sink_->processedUSecs() / 1e6));
}

void ClipAudioPlayer::stop() {
  timer_.stop();
  if (sink_) {
    sink_->disconnect(this);
    sink_->stop();
    sink_.reset();
  }
  buffer_.close();
}

}  // namespace binge::ui
