; fldd's Windows installer (NSIS 3). It installs for the current user only, with no administrator rights:
;   the app                 %LOCALAPPDATA%\Programs\fldd  (the folder PyInstaller made: fldd.exe, fldd-cli.exe
;                           for a Command Prompt, and _internal\)
;   Start menu              fldd, and an optional desktop shortcut
;   Add or remove programs  an entry with version, publisher, size and icon, for this user (HKCU)
; The uninstaller removes the program and KEEPS the user's own files, and says where they are:
;   database and settings   %LOCALAPPDATA%\fldd\fldd      (platformdirs' user data folder for fldd)
;   backups                 Documents\fldd backups        (or the folder chosen in Settings)
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
!include "WordFunc.nsh"
!include "LogicLib.nsh"

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
  Delete "$SMPROGRAMS\fldd.lnk"
  Delete "$DESKTOP\fldd.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\fldd.exe"
  Delete "$INSTDIR\fldd-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; A text value of fldd.json (the small settings file fldd writes in its data folder): $R0 = the key, returns the
; value in $R0, or "" when absent or not plain (a null, or a name with characters JSON writes escaped).
Function un.JsonText
  Exch $R0
  Push $R1
  Push $R2
  Push $R3
  StrCpy $R3 ""
  ClearErrors
  FileOpen $R1 "$LOCALAPPDATA\fldd\fldd\fldd.json" r
  ${IfNot} ${Errors}
    ${Do}
      ClearErrors
      FileRead $R1 $R2
      ${If} ${Errors}
        ${Break}
      ${EndIf}
      ${WordFind} $R2 '"$R0": "' "E+1}" $R2
      ${IfNot} ${Errors}
        ${WordFind} $R2 '"' "+1{" $R2  ; a name with a " in it is cut short here, and shown cut: rare
        ${WordReplace} $R2 "\\" "" "+" $R3  ; without its doubled backslashes, a \u left is a JSON escape
        ${WordFind} $R3 "\u" "E#" $R3
        ${If} ${Errors}
          ${WordReplace} $R2 "\\" "\" "+" $R3  ; no escape but the backslashes: the name as it is
        ${Else}
          StrCpy $R3 ""
        ${EndIf}
        ${Break}
      ${EndIf}
    ${Loop}
    FileClose $R1
  ${EndIf}
  StrCpy $R0 $R3
  Pop $R3
  Pop $R2
  Pop $R1
  Exch $R0
FunctionEnd

Function un.onUninstSuccess
  SetShellVarContext current
  StrCpy $4 "$DOCUMENTS\fldd backups"
  Push "backup_folder"
  Call un.JsonText
  Pop $0
  ${If} $0 != ""
    StrCpy $4 $0
  ${EndIf}
  StrCpy $5 ""
  Push "database"
  Call un.JsonText
  Pop $0
  ${If} $0 != ""
    StrCpy $5 "$\r$\nYour database (moved in Settings): $0"
  ${EndIf}
  MessageBox MB_OK|MB_ICONINFORMATION "fldd is removed. Your own files are kept:$\r$\n$\r$\nDatabase and settings: $LOCALAPPDATA\fldd\fldd$5$\r$\nBackups: $4$\r$\n$\r$\nDelete them yourself if you no longer need them; installing fldd again finds them." /SD IDOK
FunctionEnd
