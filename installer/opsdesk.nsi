; opsdesk's Windows installer (NSIS 3.08+), made by installer/build-windows:
;
;   makensis -WX -DVERSION=0.1.0 -DSRCDIR=<one-folder build> -DOUTFILE=<setup.exe> \
;            [-DSIGN_COMMAND="<command> %1"] installer/opsdesk.nsi
;
; Per machine into Program Files; the office's data in %ProgramData%\opsdesk (every Windows
; account of the PC, writable by the Users group), never in the install folder; an optional
; page for the office's PostgreSQL server. Silent: setup.exe /S [/DBURL=postgresql+psycopg://…]
; (exit 0 installed, 2 refused or cancelled). Uninstall: uninstall.exe /S keeps the data;
; deleting them needs the unticked option on the uninstaller's page.
;
; The installer is a 32-bit program on purpose: on a 32-bit Windows it starts and says why it
; cannot install (a 64-bit installer would only get Windows' "cannot run on this PC"). What it
; installs is 64-bit.

Unicode true
Target x86-unicode
ManifestSupportedOS all
RequestExecutionLevel admin
SetCompressor /SOLID lzma
SetCompressorDictSize 32

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!ifndef SRCDIR
  !error "makensis -DSRCDIR=<the PyInstaller one-folder build>"
!endif
!ifndef OUTFILE
  !define OUTFILE "opsdesk-${VERSION}-setup.exe"
!endif
!ifndef ICON
  !error "makensis -DICON=<opsdesk.ico, drawn by python -m opsdesk.ui.app_icon>"
!endif

!define APP "opsdesk"
!define PUBLISHER "opsdesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\opsdesk"
!define MUTEX "opsdesk-running"
!define USERS_SID "*S-1-5-32-545"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-3.0-or-later"

!ifdef SIGN_COMMAND
  ; the installer and the uninstaller it writes are signed as makensis finishes each
  !finalize '${SIGN_COMMAND}'
  !uninstfinalize '${SIGN_COMMAND}'
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include x64.nsh
!include FileFunc.nsh
!include WordFunc.nsh
!include nsDialogs.nsh

Var DataDir
Var DbUrl
Var DbUrlField

!define MUI_ABORTWARNING
; opsdesk's icon (installer/build-windows draws it with opsdesk.ui.app_icon)
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\opsdesk.exe"
!define MUI_UNCOMPONENTSPAGE_SMALLDESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
Page custom ServerPage ServerPageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Polish"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString Need64 ${LANG_POLISH} "opsdesk wymaga 64-bitowego systemu Windows (10 lub nowszego). Ten komputer ma system 32-bitowy, więc opsdesk nie może zostać zainstalowany."
LangString Need64 ${LANG_ENGLISH} "opsdesk needs a 64-bit Windows (10 or later). This PC runs a 32-bit Windows, so opsdesk cannot be installed."
LangString Running ${LANG_POLISH} "opsdesk jest uruchomiony na tym komputerze (także być może na koncie innej osoby). Zamknij wszystkie okna opsdesk, w tym ekran poczekalni, i spróbuj ponownie."
LangString Running ${LANG_ENGLISH} "opsdesk is running on this PC (perhaps in another person's account). Close every opsdesk window, the waiting-room display included, and try again."
LangString Newer ${LANG_POLISH} "Na tym komputerze jest już nowsza wersja opsdesk ($0). Instalator wersji ${VERSION} jej nie zastąpi: dane zapisane przez nowszą wersję nie mogą wrócić do starszej."
LangString Newer ${LANG_ENGLISH} "A newer opsdesk ($0) is installed on this PC. The ${VERSION} installer will not replace it: data written by a newer version cannot go back to an older one."
LangString Swap ${LANG_POLISH} "Nie można zastąpić poprzedniej wersji w $INSTDIR (plik w użyciu?). Poprzednia wersja i dane pozostały bez zmian."
LangString Swap ${LANG_ENGLISH} "The previous version in $INSTDIR could not be replaced (a file in use?). The previous version and the data are unchanged."
LangString Acl ${LANG_POLISH} "Nie udało się nadać grupie Użytkownicy prawa zapisu w $DataDir. Administrator może to zrobić ręcznie (Właściwości > Zabezpieczenia)."
LangString Acl ${LANG_ENGLISH} "The Users group could not be given write access to $DataDir. An administrator can grant it by hand (Properties > Security)."
LangString ServerTitle ${LANG_POLISH} "Serwer bazy danych"
LangString ServerTitle ${LANG_ENGLISH} "Database server"
LangString ServerSub ${LANG_POLISH} "Tylko dla ośrodka z kilkoma komputerami."
LangString ServerSub ${LANG_ENGLISH} "Only for an office with several PCs."
LangString ServerText ${LANG_POLISH} "Jeden komputer: zostaw puste pole — dane będą w $DataDir.$\r$\n$\r$\nKilka komputerów: wpisz adres serwera PostgreSQL ośrodka, np. postgresql+psycopg://opsdesk:haslo@serwer/opsdesk (poda go informatyk)."
LangString ServerText ${LANG_ENGLISH} "One PC: leave the field empty; the data will be kept in $DataDir.$\r$\n$\r$\nSeveral PCs: enter the office's PostgreSQL server, e.g. postgresql+psycopg://opsdesk:password@server/opsdesk (from your IT person)."
LangString BadUrl ${LANG_POLISH} "Adres serwera musi zaczynać się od postgresql:// lub postgresql+psycopg://"
LangString BadUrl ${LANG_ENGLISH} "The server's address must start with postgresql:// or postgresql+psycopg://"
LangString DisplayShortcut ${LANG_POLISH} "opsdesk — ekran poczekalni"
LangString DisplayShortcut ${LANG_ENGLISH} "opsdesk — waiting-room display"
LangString CliShortcut ${LANG_POLISH} "opsdesk — wiersz poleceń"
LangString CliShortcut ${LANG_ENGLISH} "opsdesk — command line"
LangString SecProgram ${LANG_POLISH} "Program opsdesk"
LangString SecProgram ${LANG_ENGLISH} "The opsdesk program"
LangString SecData ${LANG_POLISH} "Usuń też dane ośrodka (baza, kopie zapasowe, dzienniki)"
LangString SecData ${LANG_ENGLISH} "Also delete the office's data (database, backups, logs)"
LangString DescProgram ${LANG_POLISH} "Usuwa program. Dane ośrodka w $DataDir pozostają."
LangString DescProgram ${LANG_ENGLISH} "Removes the program. The office's data in $DataDir stay."
LangString DescData ${LANG_POLISH} "NIEODWRACALNE: usuwa bazę danych ośrodka, wszystkie kopie zapasowe i dzienniki z $DataDir."
LangString DescData ${LANG_ENGLISH} "CANNOT BE UNDONE: deletes the office's database, every backup and the logs in $DataDir."
LangString ConfirmData ${LANG_POLISH} "Usunąć na zawsze dane ośrodka z $DataDir, razem z kopiami zapasowymi?"
LangString ConfirmData ${LANG_ENGLISH} "Delete the office's data in $DataDir for good, backups included?"

; --- shared checks ----------------------------------------------------------------------------

!macro REFUSE_WHILE_RUNNING
  ; opsdesk holds this mutex in its session (Local) and, where allowed, globally
  System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "Global\${MUTEX}") p .r0'
  ${If} $0 == 0
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "Local\${MUTEX}") p .r0'
  ${EndIf}
  ${If} $0 != 0
    System::Call 'kernel32::CloseHandle(p r0)'
    MessageBox MB_ICONSTOP|MB_OK "$(Running)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
!macroend

!macro DATA_DIR
  SetShellVarContext all
  StrCpy $DataDir "$APPDATA\${APP}"  ; %ProgramData%\opsdesk
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "$(Need64)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetRegView 64
  !insertmacro DATA_DIR
  !insertmacro MUI_LANGDLL_DISPLAY
  !insertmacro REFUSE_WHILE_RUNNING
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "DisplayVersion"
  ${If} $0 != ""
    ${VersionCompare} $0 "${VERSION}" $1
    ${If} $1 == 1
      MessageBox MB_ICONSTOP|MB_OK "$(Newer)" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    ReadRegStr $1 HKLM "${UNINSTALL_KEY}" "InstallLocation"
    ${If} $1 != ""
      StrCpy $INSTDIR $1
    ${EndIf}
  ${EndIf}
  ; the server of an earlier installation stays unless another one is given
  ReadINIStr $DbUrl "$INSTDIR\opsdesk-machine.ini" "opsdesk" "database_url"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DBURL=" $R1
  ${IfNot} ${Errors}
    StrCpy $DbUrl $R1
  ${EndIf}
FunctionEnd

Function ServerPage
  !insertmacro MUI_HEADER_TEXT "$(ServerTitle)" "$(ServerSub)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 60u "$(ServerText)"
  Pop $0
  ${NSD_CreateText} 0 66u 100% 13u "$DbUrl"
  Pop $DbUrlField
  nsDialogs::Show
FunctionEnd

Function ServerPageLeave
  ${NSD_GetText} $DbUrlField $DbUrl
  ${If} $DbUrl != ""
    StrCpy $0 $DbUrl 13
    StrCpy $1 $DbUrl 21
    ${If} $0 != "postgresql://"
    ${AndIf} $1 != "postgresql+psycopg://"
      MessageBox MB_ICONEXCLAMATION|MB_OK "$(BadUrl)"
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

; --- installing -------------------------------------------------------------------------------

Section "opsdesk" SecMain
  SectionIn RO
  SetRegView 64
  !insertmacro REFUSE_WHILE_RUNNING  ; started since the first page?
  ; The new version is written beside the old one and swapped in only when complete: a failed
  ; or cancelled upgrade leaves the previous version runnable (and the data are elsewhere).
  RMDir /r "$INSTDIR.new"
  RMDir /r "$INSTDIR.old"
  SetOutPath "$INSTDIR.new"
  File /r "${SRCDIR}\*.*"
  SetOutPath "$TEMP"
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\*.*"
    Rename "$INSTDIR" "$INSTDIR.old"
    ${If} ${Errors}
      RMDir /r "$INSTDIR.new"
      MessageBox MB_ICONSTOP|MB_OK "$(Swap)" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
  Rename "$INSTDIR.new" "$INSTDIR"
  ${If} ${Errors}
    Rename "$INSTDIR.old" "$INSTDIR"
    MessageBox MB_ICONSTOP|MB_OK "$(Swap)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  RMDir /r "$INSTDIR.old"
  SetOutPath "$INSTDIR"

  ; where the office's data are: one folder for every account of the PC
  WriteINIStr "$INSTDIR\opsdesk-machine.ini" "opsdesk" "data_dir" "$DataDir"
  WriteINIStr "$INSTDIR\opsdesk-machine.ini" "opsdesk" "database_url" "$DbUrl"
  CreateDirectory "$DataDir"
  ; the Users group (by SID: its name is translated) may create and change files there;
  ; inherited by everything created inside
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$DataDir" /grant "${USERS_SID}:(OI)(CI)M"'
  Pop $0
  ${If} $0 != 0
    DetailPrint "icacls: $0"
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(Acl)" /SD IDOK
  ${EndIf}

  SetShellVarContext all
  CreateDirectory "$SMPROGRAMS\opsdesk"
  CreateShortcut "$SMPROGRAMS\opsdesk\opsdesk.lnk" "$INSTDIR\opsdesk.exe"
  CreateShortcut "$SMPROGRAMS\opsdesk\$(DisplayShortcut).lnk" "$INSTDIR\opsdesk.exe" "display"
  CreateShortcut "$SMPROGRAMS\opsdesk\$(CliShortcut).lnk" "$SYSDIR\cmd.exe" \
    '/k "$INSTDIR\opsdesk-cli.exe" --help'

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "opsdesk"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\opsdesk.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DataFolder" "$DataDir"
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; --- uninstalling -----------------------------------------------------------------------------

Function un.onInit
  SetRegView 64
  !insertmacro DATA_DIR
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "DataFolder"
  ${If} $0 != ""
    StrCpy $DataDir $0
  ${EndIf}
  !insertmacro MUI_UNGETLANGUAGE
  !insertmacro REFUSE_WHILE_RUNNING
FunctionEnd

Section "un.$(SecProgram)" UnSecProgram
  SectionIn RO
  SetRegView 64
  SetShellVarContext all
  RMDir /r "$SMPROGRAMS\opsdesk"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  SetOutPath "$TEMP"
  ${If} ${FileExists} "$INSTDIR\opsdesk.exe"  ; never a folder that is not opsdesk's
    RMDir /r "$INSTDIR"
  ${EndIf}
SectionEnd

; unticked: only a person who ticks it (and confirms) deletes the office's data; /S never does
Section /o "un.$(SecData)" UnSecData
  MessageBox MB_ICONEXCLAMATION|MB_YESNO|MB_DEFBUTTON2 "$(ConfirmData)" /SD IDNO IDYES +2
  Return
  RMDir /r "$DataDir"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecProgram} "$(DescProgram)"
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} "$(DescData)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
