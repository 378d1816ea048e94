#pragma once
// QCustomPlot's header uses Qt's `signals`/`slots`/`emit`/`foreach` keywords, which binge_ui turns off
// (QT_NO_KEYWORDS, so no core header can collide with them). Include QCustomPlot through here: the
// keywords are defined for its header only, then removed again.
#ifndef signals
#define signals Q_SIGNALS
#define BINGE_UNDEF_SIGNALS
#endif
#ifndef slots
#define slots Q_SLOTS
#define BINGE_UNDEF_SLOTS
#endif
#ifndef emit
#define emit Q_EMIT
#define BINGE_UNDEF_EMIT
#endif
#ifndef foreach
#define foreach Q_FOREACH
#define BINGE_UNDEF_FOREACH
#endif

#include <qcustomplot.h>

#ifdef BINGE_UNDEF_SIGNALS
#undef signals
#undef BINGE_UNDEF_SIGNALS
#endif
#ifdef BINGE_UNDEF_SLOTS
#undef slots
#undef BINGE_UNDEF_SLOTS
#endif
#ifdef BINGE_UNDEF_EMIT
#undef emit
#undef BINGE_UNDEF_EMIT
#endif
#ifdef BINGE_UNDEF_FOREACH
#undef foreach
#undef BINGE_UNDEF_FOREACH
#endif
