#pragma once
// The shared event classes of the demo world: how each one looks and how it sounds. Each class has
// its own shape and motion (recognisable without sound) and its own sound, which shares its timbre with
// one other class and differs from it in rhythm or envelope (recognisable without picture only by its
// timing), and the two are locked together: the thud lands on the frame where the ball touches the
// floor, the tick on the frame where the pendulum turns. Frame 0 of an event (its onset frame) is the
// first frame that shows it, and its sound starts at exactly that instant.
#include "demo/Canvas.h"
#include "demo/DemoPlan.h"
#include "demo/StereoTrack.h"

namespace binge::demo {

double eventDuration(EventClass c);  // seconds

// Draws the event as it looks `t` seconds after its onset (0 <= t < duration), inside event.region.
void drawEvent(Canvas& canvas, const EventPlan& event, double t);

// Adds the event's sound to the track, starting at the sample of event.start.
void mixEventSound(StereoTrack& track, const EventPlan& event);

}  // namespace binge::demo
