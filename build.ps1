#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and installs Daemontools for PowerShell.

.DESCRIPTION
    A thin wrapper for pwsh users: MSBuild does the real work, so plain `dotnet build -c Release`
    gives the same out/Daemontools/ folder where pwsh is absent.

      ./build.ps1                          build out/Daemontools (module + NativeAOT programs)
      ./build.ps1 -Test                    build, run the xunit suites, then Pester when installed
      ./build.ps1 -Install                 module into a PSModulePath folder, programs into /usr/local/bin
      ./build.ps1 -Install -Prefix /usr -BinDir sbin -Boot systemd
                                           the seed's FHS layout (/usr/sbin, /etc/service) started at boot

    The script uses only .NET and native commands (dotnet, ln), so it also runs in a bare
    hosted runspace; the test suite installs into a temporary prefix that way.

.PARAMETER Prefix
    Installation prefix for the programs (default /usr/local).

.PARAMETER BinDir
    Folder under the prefix for the programs (default bin; sbin for the FHS layout).

.PARAMETER ModulePath
    Folder that receives the Daemontools module folder (default: the all-users module folder
    when run as root, else the current user's).

.PARAMETER ServiceDirectory
    The scan directory written into svscanboot and the boot files (default /etc/service).

.PARAMETER Boot
    Also install boot integration: 'systemd' (a unit in /etc/systemd/system) or 'inittab'
    (a line appended to /etc/inittab). Nothing is installed for boot unless asked.

.PARAMETER DestDir
    Staging root prepended to every installed path (for packaging and tests).

.PARAMETER NoBuild
    Install what is already in out/Daemontools without building.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [switch] $Test,
    [switch] $Install,
    [string] $Prefix = '/usr/local',
    [string] $BinDir = 'bin',
    [string] $ModulePath,
    [string] $ServiceDirectory = '/etc/service',
    [ValidateSet('none', 'systemd', 'inittab')]
    [string] $Boot = 'none',
    [string] $DestDir = '',
    [string] $Configuration = 'Release',
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleOut = [System.IO.Path]::Combine($root, 'out', 'Daemontools')

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-ProgramName {
    # The links the build made in bin/ to the multi-call binary are the list of programs
    # (svscanboot beside them is a script, installed from its template).
    [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($moduleOut, 'bin')) |
        Where-Object { [System.IO.File]::GetAttributes($_).HasFlag([System.IO.FileAttributes]::ReparsePoint) } |
        Where-Object { [System.IO.FileInfo]::new($_).LinkTarget -eq 'daemontools' } |
        ForEach-Object { [System.IO.Path]::GetFileName($_) }
}

function Install-File([string] $Source, [string] $Destination, [string] $Mode) {
    if (-not $PSCmdlet.ShouldProcess($Destination, "install $Source")) { return }
    [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Destination)) | Out-Null
    [System.IO.File]::Delete($Destination)  # a link left by an earlier install is replaced, never written through
    [System.IO.File]::Copy($Source, $Destination, $true)
    if ($Mode) { Invoke-Native 'chmod' @($Mode, $Destination) }
}

function Install-Text([string] $Text, [string] $Destination, [string] $Mode) {
    if (-not $PSCmdlet.ShouldProcess($Destination, 'write')) { return }
    [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Destination)) | Out-Null
    [System.IO.File]::Delete($Destination)
    [System.IO.File]::WriteAllText($Destination, $Text)
    if ($Mode) { Invoke-Native 'chmod' @($Mode, $Destination) }
}

function Expand-Template([string] $Path, [string] $ProgramDir) {
    [System.IO.File]::ReadAllText($Path).Replace('@PROGRAMS@', $ProgramDir).Replace('@SERVICEDIR@', $ServiceDirectory)
}

if (-not $NoBuild) {
    Invoke-Native 'dotnet' @('build', [System.IO.Path]::Combine($root, 'Daemontools.sln'), '-c', $Configuration)
}

if ($Test) {
    Invoke-Native 'dotnet' @('test', [System.IO.Path]::Combine($root, 'Daemontools.sln'), '-c', $Configuration, '--no-build')
    if (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' }) {
        $result = Invoke-Pester -Path ([System.IO.Path]::Combine($root, 'tests', 'pester')) -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester tests failed" }
    }
    else {
        $PSCmdlet.WriteWarning('Pester 5 is not installed: the Pester suites under tests/pester were not run.')
    }
}

if ($Install) {
    $programDir = [System.IO.Path]::Combine($Prefix, $BinDir)
    $stagedPrograms = $DestDir + $programDir

    if (-not $ModulePath) {
        $isRoot = (& id -u) -eq '0'
        $ModulePath = if ($isRoot) { '/usr/local/share/powershell/Modules' }
                      else { [System.IO.Path]::Combine($HOME, '.local', 'share', 'powershell', 'Modules') }
    }
    $manifest = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($moduleOut, 'Daemontools.psd1'))
    $version = [regex]::Match($manifest, "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
    $moduleTarget = $DestDir + [System.IO.Path]::Combine($ModulePath, 'Daemontools', $version)

    # The module folder, bin/ included, so Start-SvScan finds its own programs.
    foreach ($file in [System.IO.Directory]::GetFiles($moduleOut, '*', [System.IO.SearchOption]::AllDirectories)) {
        $relative = [System.IO.Path]::GetRelativePath($moduleOut, $file)
        if ([System.IO.File]::GetAttributes($file).HasFlag([System.IO.FileAttributes]::ReparsePoint)) { continue }
        Install-File $file ([System.IO.Path]::Combine($moduleTarget, $relative)) ''
    }
    foreach ($name in Get-ProgramName) {
        if ($PSCmdlet.ShouldProcess([System.IO.Path]::Combine($moduleTarget, 'bin', $name), 'link to daemontools')) {
            Invoke-Native 'ln' @('-sfn', 'daemontools', [System.IO.Path]::Combine($moduleTarget, 'bin', $name))
        }
    }

    # The programs: one copy of the multi-call binary and a link per name, as in the seed's layout.
    Install-File ([System.IO.Path]::Combine($moduleOut, 'bin', 'daemontools')) ([System.IO.Path]::Combine($stagedPrograms, 'daemontools')) '0755'
    # Beside it, the static binary's account-lookup companion (NSS sources it cannot load itself).
    $companion = [System.IO.Path]::Combine($moduleOut, 'bin', 'daemontools-getpwnam')
    if ([System.IO.File]::Exists($companion)) {
        Install-File $companion ([System.IO.Path]::Combine($stagedPrograms, 'daemontools-getpwnam')) '0755'
    }
    foreach ($name in Get-ProgramName) {
        $link = [System.IO.Path]::Combine($stagedPrograms, $name)
        if ($PSCmdlet.ShouldProcess($link, 'link to daemontools')) { Invoke-Native 'ln' @('-sfn', 'daemontools', $link) }
    }

    # svscanboot with this prefix and service directory filled in.
    $bootDir = [System.IO.Path]::Combine($root, 'module', 'boot')
    $svscanboot = [System.IO.Path]::Combine($bootDir, 'svscanboot.in')
    if ([System.IO.File]::Exists($svscanboot)) {
        Install-Text (Expand-Template $svscanboot $programDir) ([System.IO.Path]::Combine($stagedPrograms, 'svscanboot')) '0755'
        if ($PSCmdlet.ShouldProcess($DestDir + $ServiceDirectory, 'create the service directory')) {
            [System.IO.Directory]::CreateDirectory($DestDir + $ServiceDirectory) | Out-Null
        }
    }

    switch ($Boot) {
        'systemd' {
            $unit = Expand-Template ([System.IO.Path]::Combine($bootDir, 'daemontools.service.in')) $programDir
            Install-Text $unit ($DestDir + '/etc/systemd/system/daemontools.service') '0644'
            $Host.UI.WriteLine('Installed /etc/systemd/system/daemontools.service; enable it with: systemctl enable --now daemontools')
        }
        'inittab' {
            $line = (Expand-Template ([System.IO.Path]::Combine($bootDir, 'inittab.in')) $programDir).TrimEnd("`n")
            $inittab = $DestDir + '/etc/inittab'
            $existing = if ([System.IO.File]::Exists($inittab)) { [System.IO.File]::ReadAllText($inittab) } else { '' }
            if (-not $existing.Contains($line) -and $PSCmdlet.ShouldProcess($inittab, "append '$line'")) {
                [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($inittab)) | Out-Null
                [System.IO.File]::AppendAllText($inittab, $line + "`n")
                $Host.UI.WriteLine("Appended to $inittab; run 'telinit Q' to start svscanboot")
            }
        }
    }
    $Host.UI.WriteLine("Installed the module in $moduleTarget and the programs in $stagedPrograms")
}
