// core/model: the encoders match the layouts they claim (parameter counts equal torchvision's, as printed
// by the Python reference), forward passes give the documented shapes, embeddings are unit length.
// LibTorch before Qt: Qt's keyword macros break LibTorch headers (docs/architecture.md, Dependencies and traps).
#include "model/AudioResNet18.h"
#include "model/AudioVisualModel.h"
#include "model/R2Plus1D18.h"
#include "model/TinyVideoEncoder.h"
#include "model/TorchScriptExport.h"

#include "CliRunner.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>

using namespace binge;

namespace {

// A model whose BatchNorm layers are not the identity in evaluation mode (fresh ones are: mean 0,
// var 1, weight 1, bias 0), so an export that dropped or misused the running statistics would show.
AudioVisualModel modelWithNonTrivialStatistics(const ModelConfig& config) {
  AudioVisualModel model(config);
  torch::NoGradGuard noGrad;
  for (auto& b : model->named_buffers()) {
    if (b.key().find("running_mean") != std::string::npos) b.value().uniform_(-0.2, 0.2);
    if (b.key().find("running_var") != std::string::npos) b.value().uniform_(0.5, 2.0);
  }
  for (auto& p : model->named_parameters())
    if (p.value().dim() == 1 && p.key().find("head") == std::string::npos) p.value().uniform_(0.5, 1.5);
  model->eval();
  return model;
}

void writeBytes(const QString& file, const std::vector<char>& bytes) {
  std::ofstream(file.toStdString(), std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

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

  // The TorchScript copies compute what the C++ model computes: features (forward) and embeddings
  // (embed), for both encoders and every architecture/normalisation, also after a save/load round trip.
  void scriptedEncodersMatchTheModel_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("normalization");
    QTest::addColumn<int>("size");
    QTest::newRow("tiny-batchnorm") << "tiny" << "batch" << 64;
    QTest::newRow("tiny-groupnorm") << "tiny" << "group" << 64;
    QTest::newRow("paper") << "paper" << "batch" << 32;
  }
  void scriptedEncodersMatchTheModel() {
    QFETCH(QString, architecture);
    QFETCH(QString, normalization);
    QFETCH(int, size);
    ModelConfig config;
    config.architecture = architecture.toStdString();
    config.normalization = normalization.toStdString();
    auto model = modelWithNonTrivialStatistics(config);
    torch::NoGradGuard noGrad;
    const auto video = torch::randn({2, 3, 8, size, size});
    const auto audio = torch::randn({2, 1, 64, 101});
    const auto expected = model->forward(video, audio);

    auto scripted = scriptEncoders(model);
    QTemporaryDir dir;
    scripted.video.save(dir.filePath("video.pt").toStdString());
    auto reloaded = torch::jit::load(dir.filePath("video.pt").toStdString());
    for (auto* m : {&scripted.video, &reloaded}) {
      const auto features = m->forward({video}).toTensor();
      const auto embedding = m->get_method("embed")({video}).toTensor();
      QVERIFY2(torch::allclose(features, expected.videoFeatures, 1e-4, 1e-5),
               qPrintable(QString::number((features - expected.videoFeatures).abs().max().item<double>())));
      QVERIFY(torch::allclose(embedding, expected.videoEmbedding, 1e-4, 1e-5));
    }
    QVERIFY(torch::allclose(scripted.audio.forward({audio}).toTensor(), expected.audioFeatures, 1e-4, 1e-5));
    QVERIFY(torch::allclose(scripted.audio.get_method("embed")({audio}).toTensor(), expected.audioEmbedding, 1e-4, 1e-5));
    // Same parameter names as the C++ model (state-dict keys carry over).
    std::set<std::string> names;
    for (const auto& p : scripted.video.named_parameters()) names.insert(p.name);
    for (const auto& p : model->videoEncoder().named_parameters()) QVERIFY2(names.count("encoder." + p.key()), p.key().c_str());
  }

  // The exported files run in Python's torch.jit.load (Debian's python3-torch) with the same outputs.
  void scriptedEncodersRunInPython() {
    if (!QFile::exists("/usr/bin/python3")) QSKIP("no /usr/bin/python3");
    auto model = modelWithNonTrivialStatistics(ModelConfig{});
    torch::NoGradGuard noGrad;
    const auto video = torch::randn({2, 3, 8, 64, 64});
    const auto audio = torch::randn({2, 1, 64, 101});
    const auto expected = model->forward(video, audio);
    auto scripted = scriptEncoders(model);
    QTemporaryDir dir;
    scripted.video.save(dir.filePath("video.pt").toStdString());
    scripted.audio.save(dir.filePath("audio.pt").toStdString());
    writeBytes(dir.filePath("inputs.pt"), torch::pickle_save(c10::List<torch::Tensor>({video, audio})));
    writeBytes(dir.filePath("expected.pt"),
               torch::pickle_save(c10::List<torch::Tensor>({expected.videoFeatures, expected.videoEmbedding,
                                                            expected.audioFeatures, expected.audioEmbedding})));
    const auto r = test::runProgram(
        "/usr/bin/python3",
        {"-c",
         "import sys, torch; d = sys.argv[1]\n"
         "v, a = torch.load(d + '/inputs.pt'); e = torch.load(d + '/expected.pt')\n"
         "mv = torch.jit.load(d + '/video.pt'); ma = torch.jit.load(d + '/audio.pt')\n"
         "got = [mv(v), mv.embed(v), ma(a), ma.embed(a)]\n"
         "print(max(float((g - x).abs().max()) for g, x in zip(got, e)))",
         dir.path()},
        120000);
    if (r.exitCode != 0 && r.err.contains("No module named 'torch'")) QSKIP("python3-torch not installed");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.trimmed().toDouble() < 1e-4, r.out.constData());
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
