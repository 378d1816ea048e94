// binge-cli clip --file F --start SEC [--preset tiny|paper] --out SHEET.png [--json]
// Decodes one clip and writes a contact sheet: its frames and its log-mel spectrogram, labelled with
// times (for eyes and bug reports). Presets follow docs/architecture.md, Presets.
#include "cli/Commands.h"

#include "media/ClipDecoder.h"
#include "media/ContactSheet.h"
#include "media/MediaError.h"

#include <filesystem>
#include <iostream>
#include <optional>

namespace binge::cli {
namespace {

struct ClipArgs {
  std::string file;
  double start = 0.0;
  std::string preset = "tiny";
  std::string out;
  bool json = false;
};

// The clip part of the presets (docs/architecture.md, Presets). Short sides are before the data layer's centre crop.
ClipSpec clipSpecForPreset(const std::string& preset) {
  ClipSpec spec;
  if (preset == "tiny") {
    spec.frames = 8;
    spec.fps = 8.0;
    spec.shortSide = 72;
    spec.audioSeconds = 1.0;
    spec.melBins = 64;
  } else if (preset == "paper") {
    spec.frames = 8;
    spec.fps = 16.0;
    spec.shortSide = 128;
    spec.audioSeconds = 2.0;
    spec.melBins = 80;
  } else {
    throw UsageError("unknown preset '" + preset + "' (expected tiny or paper)");
  }
  return spec;
}

int runClip(const ClipArgs& args) {
  requireExistingPath(args.file, "media file");
  const ClipSpec spec = clipSpecForPreset(args.preset);
  if (args.start < 0) throw UsageError("--start must be >= 0 seconds");
  media::ClipDecoder decoder(args.file);
  const DecodedClip clip = decoder.decode(args.start, spec);
  const std::string title = std::filesystem::path(args.file).filename().string() + "  (" + args.preset + ")";
  media::renderContactSheet(clip, spec, title).writePng(args.out);
  std::cerr << "clip: " << clip.frames << " frames " << clip.width << "x" << clip.height << " at "
            << spec.fps << " fps from " << args.start << " s, " << clip.audio.size() << " audio samples, "
            << clip.melBins << "x" << clip.melFrames << " log-mel" << (clip.videoPastEnd ? ", past the end" : "")
            << (clip.audioPadded ? ", audio padded" : "") << " -> " << args.out << std::endl;
  if (args.json) {
    printJson({{"file", args.file}, {"start", args.start}, {"preset", args.preset}, {"out", args.out},
               {"frames", clip.frames}, {"width", clip.width}, {"height", clip.height},
               {"frame_pts", clip.framePts}, {"audio_samples", clip.audio.size()}, {"mel_bins", clip.melBins},
               {"mel_frames", clip.melFrames}, {"video_past_end", clip.videoPastEnd},
               {"audio_padded", clip.audioPadded}, {"has_audio", clip.hasAudio}});
  }
  return 0;
}

}  // namespace

void addClipCommand(CLI::App& parent, GlobalOptions& /*global*/, CommandAction& action) {
  auto args = std::make_shared<ClipArgs>();
  CLI::App* cmd = parent.add_subcommand("clip", "Decode one clip and write a contact sheet (frames + log-mel) as PNG");
  cmd->add_option("--file", args->file, "Media file")->required();
  cmd->add_option("--start", args->start, "Start time in seconds")->required();
  cmd->add_option("--preset", args->preset, "Clip preset: tiny or paper")->capture_default_str();
  cmd->add_option("--out", args->out, "Contact sheet to write (PNG)")->required();
  cmd->add_flag("--json", args->json, "Print what was decoded as JSON on stdout");
  cmd->callback([args, &action] { action = [args] { return runClip(*args); }; });
}

}  // namespace binge::cli
