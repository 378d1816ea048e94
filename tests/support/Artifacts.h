#pragma once
#include <QString>

namespace binge::test {

// Folder for files a person should look at after the tests ($BINGE_TEST_ARTIFACTS): screenshots,
// contact sheets.
QString artifactDir();

}  // namespace binge::test
