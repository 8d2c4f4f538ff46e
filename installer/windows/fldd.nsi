; fldd's Windows installer (NSIS 3). It installs for the current user only, with no administrator rights:
;   the app                 %LOCALAPPDATA%\Programs\fldd  (the folder PyInstaller made: fldd.exe, fldd-cli.exe
;                           for a Command Prompt, and _internal\)
;   Start menu              fldd, and an optional desktop shortcut
;   Add or remove programs  an entry with version, publisher, size and icon, for this user (HKCU)
; The uninstaller removes the program and KEEPS the user's own files, and says where they are:
;   database and settings   %LOCALAPPDATA%\fldd\fldd      (platformdirs' user data folder for fldd)
;   backups                 Documents\fldd backups        (or the folder chosen in Settings)
; (it asks the installed fldd-cli.exe where they are, `--print-data-paths FILE`, answered in UTF-16 so that names
; with any letters come out whole; when fldd cannot answer it names no folder it is not sure of).
; Installing over, or uninstalling, a fldd that is running is refused until it is closed (Retry or Cancel): its
; files cannot be replaced while it runs, and a half-replaced copy would not start.
;
; Build on Windows after PyInstaller (installer/README.md):
;   makensis /DVERSION=0.1.0 installer\windows\fldd.nsi
; which takes dist\fldd and writes dist\fldd-0.1.0-windows-setup.exe (makensis reads paths from this script's
; folder; /DBUNDLE=... and /DOUTFILE=... with full paths choose others).
; tests/installer compiles it on Linux against a stand-in bundle.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "give the version: /DVERSION=0.1.0 (fldd.__version__)"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\fldd"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\fldd-${VERSION}-windows-setup.exe"
!endif

!define APP "fldd"
!define PUBLISHER "The fldd developers"
!define FULL_NAME "fldd - forced-labour due diligence"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\fldd"
!define ICON "..\..\resources\icons\fldd.ico"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "TextFunc.nsh"

Var Places_Database  ; what the installed fldd said, before it is removed (empty when it could not say)
Var Places_Backups
Var Places_Data

Name "${FULL_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\fldd"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "fldd ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Installer of ${FULL_NAME}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\fldd.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start fldd now"
!define MUI_WELCOMEPAGE_TEXT "This installs fldd ${VERSION} for you alone: no administrator rights are needed.$\r$\n$\r$\nfldd keeps your work on this computer. Installing a newer version later keeps your database and backups."
!define MUI_UNCONFIRMPAGE_TEXT_TOP "fldd will be removed from this computer. Your database, settings and backups are kept."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "fldd (required)" SecApp
  SectionIn RO
  SetShellVarContext current
  Call StopIfRunning  ; before anything is deleted: a running fldd keeps its files
  SetOutPath "$INSTDIR"
  ; a newer version replaces the program files whole: nothing of the old version is left to be loaded
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\fldd.lnk" "$INSTDIR\fldd.exe" "" "$INSTDIR\fldd.exe" 0 SW_SHOWNORMAL "" "${FULL_NAME}"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "fldd"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\fldd.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\fldd.lnk" "$INSTDIR\fldd.exe" "" "$INSTDIR\fldd.exe" 0 SW_SHOWNORMAL "" "${FULL_NAME}"
SectionEnd

; The uninstaller removes only what the installer put there, never the folder's other contents: a person who
; installed into a folder of their own (say Documents) loses nothing else.
Section "Uninstall"
  SetShellVarContext current
  Call un.StopIfRunning
  Call un.AskWherePlacesAre  ; while fldd-cli.exe is still there to ask
  Delete "$SMPROGRAMS\fldd.lnk"
  Delete "$DESKTOP\fldd.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\fldd.exe"
  Delete "$INSTDIR\fldd-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Whether fldd (the window app or the command) is running from $INSTDIR: Windows keeps a running program's file
; open against writing, so opening it for writing fails while it runs. Needs no administrator rights and no
; plug-in. $0 = the running file's name, or "" when none runs.
!macro RUNNING_CHECK UN
Function ${UN}FlddRunning
  StrCpy $0 ""
  ${If} ${FileExists} "$INSTDIR\fldd.exe"
    ClearErrors
    FileOpen $1 "$INSTDIR\fldd.exe" a
    ${If} ${Errors}
      StrCpy $0 "fldd.exe"
    ${Else}
      FileClose $1
    ${EndIf}
  ${EndIf}
  ${If} $0 == ""
  ${AndIf} ${FileExists} "$INSTDIR\fldd-cli.exe"
    ClearErrors
    FileOpen $1 "$INSTDIR\fldd-cli.exe" a
    ${If} ${Errors}
      StrCpy $0 "fldd-cli.exe"
    ${Else}
      FileClose $1
    ${EndIf}
  ${EndIf}
FunctionEnd

; Asks to close a running fldd, Retry or Cancel; Cancel (and a silent run) stops with nothing changed.
Function ${UN}StopIfRunning
  retry:
    Call ${UN}FlddRunning
    StrCmp $0 "" done
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "fldd is open ($INSTDIR\$0 is running).$\r$\n$\r$\nClose fldd (its window, and any fldd-cli command in a Command Prompt), then press Retry. Nothing has been changed yet." /SD IDCANCEL IDRETRY retry
    Abort "fldd is still open: nothing was changed. Close it and run this again."
  done:
FunctionEnd
!macroend
!insertmacro RUNNING_CHECK ""
!insertmacro RUNNING_CHECK "un."

; Reads the places from the installed fldd: `fldd-cli.exe --print-data-paths FILE` writes three lines in UTF-16
; ("database: PATH", "backup folder: PATH", "data folder: PATH"), read here whole whatever letters they hold.
Function un.AskWherePlacesAre
  StrCpy $Places_Database ""
  StrCpy $Places_Backups ""
  StrCpy $Places_Data ""
  ${IfNot} ${FileExists} "$INSTDIR\fldd-cli.exe"
    Return
  ${EndIf}
  InitPluginsDir
  nsExec::Exec '"$INSTDIR\fldd-cli.exe" --print-data-paths "$PLUGINSDIR\places.txt"'
  Pop $0
  ${If} $0 != 0
    Return
  ${EndIf}
  ClearErrors
  FileOpen $1 "$PLUGINSDIR\places.txt" r
  ${If} ${Errors}
    Return
  ${EndIf}
  ${Do}
    ClearErrors
    FileReadUTF16LE $1 $2
    ${If} ${Errors}
      ${Break}
    ${EndIf}
    ${TrimNewLines} $2 $2
    StrCpy $3 $2 10
    ${If} $3 == "database: "
      StrCpy $Places_Database $2 "" 10
    ${EndIf}
    StrCpy $3 $2 15
    ${If} $3 == "backup folder: "
      StrCpy $Places_Backups $2 "" 15
    ${EndIf}
    StrCpy $3 $2 13
    ${If} $3 == "data folder: "
      StrCpy $Places_Data $2 "" 13
    ${EndIf}
  ${Loop}
  FileClose $1
FunctionEnd

; Names only folders it is sure of: what fldd said; else the defaults when no settings file exists (no choice was
; ever made); else words that send the person to Help > About, never a folder the backups may not be in.
Function un.onUninstSuccess
  SetShellVarContext current
  ${If} $Places_Data == ""
    StrCpy $Places_Data "$LOCALAPPDATA\fldd\fldd"
  ${EndIf}
  ${If} $Places_Database == ""
    StrCpy $Places_Database "in the settings folder above, or in the folder you moved it to in Settings (see Help > About in fldd)"
  ${EndIf}
  ${If} $Places_Backups == ""
    ${If} ${FileExists} "$Places_Data\fldd.json"
      StrCpy $Places_Backups "the backup folder you chose in Settings (see Help > About in fldd)"
    ${Else}
      StrCpy $Places_Backups "$DOCUMENTS\fldd backups"
    ${EndIf}
  ${EndIf}
  StrCpy $0 "fldd is removed. Your own files are kept:$\r$\n$\r$\nSettings: $Places_Data$\r$\nDatabase: $Places_Database$\r$\nBackups: $Places_Backups$\r$\n$\r$\nDelete them yourself if you no longer need them; installing fldd again finds them."
  !ifdef MESSAGE_LOG  ; checking builds only (/DMESSAGE_LOG=FILE): the message also goes to FILE, in UTF-16LE
    FileOpen $1 "${MESSAGE_LOG}" w
    FileWriteUTF16LE $1 $0
    FileClose $1
  !endif
  MessageBox MB_OK|MB_ICONINFORMATION $0 /SD IDOK
FunctionEnd
