// core/model: the encoders match the layouts they claim (parameter counts equal torchvision's, as printed
// by the Python reference), forward passes give the documented shapes, embeddings are unit length.
// LibTorch before Qt: Qt's keyword macros break LibTorch headers (DESIGN.md §8).
#include "model/AudioResNet18.h"
#include "model/AudioVisualModel.h"
#include "model/R2Plus1D18.h"
#include "model/TinyVideoEncoder.h"

#include "TestMedia.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace binge;

class TestModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { torch::manual_seed(0); }

  void paperParameterCountsMatchTorchvision() {
    ModelConfig config;
    config.architecture = "paper";
    AudioVisualModel model(config);
    QCOMPARE(parameterCount(model->videoEncoder()), int64_t{31300125});
    QCOMPARE(parameterCount(model->audioEncoder()), int64_t{11170240});
    QCOMPARE(parameterCount(model->videoHead()) + parameterCount(model->audioHead()), int64_t{656640});
  }

  // The same counts, read from the Python reference itself, so the claim is checked against torchvision
  // and not only against numbers copied into this file.
  void paperCountsEqualPythonReference() {
    const QString script = "/work/shared/peers/torch_step.py";
    if (!QFile::exists(script) || !QFile::exists("/usr/bin/python3")) QSKIP("Python reference not available");
    // Smallest inputs: only the printed parameter line matters.
    const auto r = test::runProgram("/usr/bin/python3", {script, "--batch", "2", "--frames", "2", "--size", "16", "--mels",
                                                         "16", "--audio-frames", "16", "--steps", "1", "--threads", "1"},
                                    300000);
    if (r.exitCode != 0 && r.out.isEmpty()) QSKIP(qPrintable("Python reference failed: " + QString::fromUtf8(r.err)));
    const QRegularExpression re("params video=(\\d+) audio=(\\d+) heads=(\\d+)");
    const auto m = re.match(QString::fromUtf8(r.out));
    QVERIFY2(m.hasMatch(), r.out.constData());
    ModelConfig config;
    config.architecture = "paper";
    AudioVisualModel model(config);
    QCOMPARE(parameterCount(model->videoEncoder()), m.captured(1).toLongLong());
    QCOMPARE(parameterCount(model->audioEncoder()), m.captured(2).toLongLong());
    QCOMPARE(parameterCount(model->videoHead()) + parameterCount(model->audioHead()), m.captured(3).toLongLong());
  }

  void tinyIsAboutOneMillion() {
    AudioVisualModel model(ModelConfig{});
    const auto video = parameterCount(model->videoEncoder());
    QVERIFY2(video > 800000 && video < 1500000, qPrintable(QString::number(video)));
    QVERIFY(parameterCount(model->audioEncoder()) < video);
  }

  void forwardShapesAndUnitEmbeddings_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("featureDim");
    QTest::newRow("tiny") << "tiny" << 64 << 256;
    QTest::newRow("paper") << "paper" << 32 << 512;  // small frames keep the CPU test quick
  }
  void forwardShapesAndUnitEmbeddings() {
    QFETCH(QString, architecture);
    QFETCH(int, size);
    QFETCH(int, featureDim);
    ModelConfig config;
    config.architecture = architecture.toStdString();
    AudioVisualModel model(config);
    model->eval();
    torch::NoGradGuard noGrad;
    const auto out = model->forward(torch::randn({3, 3, 8, size, size}), torch::randn({3, 1, 64, 101}));
    QCOMPARE(out.videoFeatures.sizes().vec(), (std::vector<int64_t>{3, featureDim}));
    QCOMPARE(out.audioFeatures.sizes().vec(), (std::vector<int64_t>{3, featureDim}));
    QCOMPARE(out.videoEmbedding.sizes().vec(), (std::vector<int64_t>{3, 128}));
    QCOMPARE(out.audioEmbedding.sizes().vec(), (std::vector<int64_t>{3, 128}));
    for (const auto& z : {out.videoEmbedding, out.audioEmbedding})
      QVERIFY(torch::allclose(z.norm(2, 1), torch::ones({3}), 1e-5, 1e-5));
  }

  void r2plus1dDownsamplesTimeLikeTorchvision() {
    // torchvision's R(2+1)D halves T in layers 2–4 (stride (2,2,2)): 8 frames survive as 1.
    R2Plus1D18 video;
    video->eval();
    torch::NoGradGuard noGrad;
    QCOMPARE(video->forward(torch::randn({1, 3, 8, 32, 32})).sizes().vec(), (std::vector<int64_t>{1, 512}));
  }

  void invalidConfigIsRejected() {
    ModelConfig config;
    config.architecture = "resnet9000";
    try {
      AudioVisualModel model(config);
      QFAIL("accepted an unknown architecture");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(QString(e.what()).contains("resnet9000"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestModel)
#include "test_model.moc"
