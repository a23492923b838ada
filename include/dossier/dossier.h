/* dossier.h - umbrella header for programs embedding Dossier. */
#ifndef DOSSIER_DOSSIER_H
#define DOSSIER_DOSSIER_H

#include "dossier/diag.h"
#include "dossier/host.h"
#include "dossier/loader.h"
#include "dossier/model.h"
#include "dossier/mustache.h"
#include "dossier/status.h"
#include "dossier/value.h"
#include "dossier/version.h"

#endif
