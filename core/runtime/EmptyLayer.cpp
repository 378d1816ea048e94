// Placeholder translation unit for a core layer that has no sources yet: CMake needs one to build the
// layer's static library, which keeps the dependency graph of docs/architecture.md, Layers and data flow complete.
namespace binge::detail {
void emptyLayerAnchor() {}
}  // namespace binge::detail
