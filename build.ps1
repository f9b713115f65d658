#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, packages and installs Daemontools for PowerShell.

.DESCRIPTION
    A thin wrapper for pwsh users: MSBuild does the real work, so plain `dotnet build -c Release`
    gives the same out/Daemontools/ folder where pwsh is absent.

      ./build.ps1                          build out/Daemontools (module + NativeAOT programs)
      ./build.ps1 -Test                    build, run the xunit suites, then the Pester suites in a new pwsh
      ./build.ps1 -Package                 out/packages: the module .nupkg (Install-PSResource) and a .deb
      ./build.ps1 -Install                 module into a PSModulePath folder, programs into /usr/local/bin
      ./build.ps1 -Install -Prefix /usr -BinDir sbin -Boot systemd
                                           the seed's FHS layout (/usr/sbin, /etc/service) started at boot

    -Install uses only .NET and native commands (dotnet, ln, chmod), so it also runs in a bare
    hosted runspace; the test suite installs into a staging root that way.

.PARAMETER Test
    Run the xunit suites, then the Pester suites under tests/pester in a new pwsh process (Pester
    comes from NuGet through tests/pester/Pester.csproj). Ends with one line adding up both:
    "N passed, N failed, N skipped"; any failure makes the script fail.

.PARAMETER Package
    Write out/packages/Daemontools.VERSION.nupkg (for a PSResourceGet repository: the native binary
    once, no links; the import completes bin/) and out/packages/daemontools-powershell_VERSION_ARCH.deb
    (the seed's FHS layout: programs in /usr/sbin, svscanboot, /etc/service, the module under
    /usr/local/share/powershell/Modules).

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
    Use what is already in out/Daemontools without building.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [switch] $Test,
    [switch] $Package,
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

function Get-ModuleVersion {
    $manifest = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($moduleOut, 'Daemontools.psd1'))
    [regex]::Match($manifest, "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
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

function Install-Link([string] $Target, [string] $Link) {
    if (-not $PSCmdlet.ShouldProcess($Link, "link to $Target")) { return }
    [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Link)) | Out-Null
    Invoke-Native 'ln' @('-sfn', $Target, $Link)
}

function Expand-Template([string] $Path, [string] $ProgramDir) {
    [System.IO.File]::ReadAllText($Path).Replace('@PROGRAMS@', $ProgramDir).Replace('@SERVICEDIR@', $ServiceDirectory)
}

function Write-Done([string] $Message) {
    # -WhatIf installs nothing, so it reports nothing as installed.
    if (-not $WhatIfPreference) { $Host.UI.WriteLine($Message) }
}

function Get-PwshCommand {
    # The pwsh running this script, as a command for a new process: a dotnet global tool runs
    # as `dotnet pwsh.dll` under a launcher, so the launcher's own path is not what to start.
    $exe = [System.Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        return @($exe, [System.Reflection.Assembly]::GetEntryAssembly().Location)
    }
    @($exe)
}

function Invoke-XunitSuite {
    # Streams dotnet test's output and adds up its summary lines.
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    & dotnet test ([System.IO.Path]::Combine($root, 'Daemontools.sln')) -c $Configuration --no-build 2>&1 | ForEach-Object {
        $line = "$_"
        $Host.UI.WriteLine($line)
        $summary = [regex]::Match($line, '(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)')
        if ($summary.Success) {
            $counts.Failed += [int]$summary.Groups[2].Value
            $counts.Passed += [int]$summary.Groups[3].Value
            $counts.Skipped += [int]$summary.Groups[4].Value
        }
    }
    # A run that failed before printing a summary (a build or host crash) still counts as a failure.
    if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }
    $counts
}

function Invoke-PesterSuite {
    $project = [System.IO.Path]::Combine($root, 'tests', 'pester', 'Pester.csproj')
    Invoke-Native 'dotnet' @('restore', $project, '--verbosity', 'quiet')
    $pester = (& dotnet msbuild $project -getProperty:PesterModule).Trim()
    if (-not [System.IO.File]::Exists($pester)) { throw "Pester was not restored to $pester" }
    $resultFile = [System.IO.Path]::GetTempFileName()
    try {
        # A new process: a module imported into this session earlier would shadow the fresh build.
        $pwsh = Get-PwshCommand
        $runner = [System.IO.Path]::Combine($root, 'tests', 'pester', 'Invoke-PesterSuite.ps1')
        # Its output goes to the console, not into this function's result.
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner -PesterModule $pester -ResultPath $resultFile 2>&1 |
            ForEach-Object { $Host.UI.WriteLine("$_") }
        $counts = Get-Content -Raw $resultFile | ConvertFrom-Json -AsHashtable
        if (-not $counts) { $counts = @{ Passed = 0; Failed = 1; Skipped = 0 } }
        $counts
    }
    finally {
        [System.IO.File]::Delete($resultFile)
    }
}

function New-ModulePackage([string] $Destination, [string] $Version) {
    # The module folder as PSResourceGet ships it: no links (a .nupkg would turn each into a copy of
    # the 2 MB binary) and no svscanboot (it names its own folder): the import puts both back.
    $stage = [System.IO.Path]::Combine($root, 'out', 'package', 'Daemontools')
    if ([System.IO.Directory]::Exists($stage)) { [System.IO.Directory]::Delete($stage, $true) }
    foreach ($file in [System.IO.Directory]::GetFiles($moduleOut, '*', [System.IO.SearchOption]::AllDirectories)) {
        $relative = [System.IO.Path]::GetRelativePath($moduleOut, $file)
        if ([System.IO.File]::GetAttributes($file).HasFlag([System.IO.FileAttributes]::ReparsePoint)) { continue }
        if ($relative -eq [System.IO.Path]::Combine('bin', 'svscanboot')) { continue }
        $target = [System.IO.Path]::Combine($stage, $relative)
        [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($target)) | Out-Null
        [System.IO.File]::Copy($file, $target)
    }
    $nupkg = [System.IO.Path]::Combine($Destination, "Daemontools.$Version.nupkg")
    [System.IO.File]::Delete($nupkg)
    Compress-PSResource -Path $stage -DestinationPath $Destination
    if (-not [System.IO.File]::Exists($nupkg)) { throw "Compress-PSResource did not write $nupkg" }
    $Host.UI.WriteLine("Wrote $nupkg")
}

function New-DebianPackage([string] $Destination, [string] $Version) {
    $architecture = (& dpkg --print-architecture).Trim()
    $stage = [System.IO.Path]::Combine($root, 'out', 'package', 'deb')
    if ([System.IO.Directory]::Exists($stage)) { [System.IO.Directory]::Delete($stage, $true) }
    # The seed's FHS layout, staged by -Install itself.
    & $PSCommandPath -Install -NoBuild -Prefix /usr -BinDir sbin -ModulePath /usr/local/share/powershell/Modules -DestDir $stage -Confirm:$false | Out-Null
    $moduleBin = [System.IO.Path]::Combine($stage, 'usr/local/share/powershell/Modules/Daemontools', $Version, 'bin')
    # The binary once: the module's bin/daemontools (and its account-lookup companion, which the
    # binary finds beside /usr/sbin/daemontools anyway) are relative links into /usr/sbin.
    Install-Link '../../../../../../../sbin/daemontools' ([System.IO.Path]::Combine($moduleBin, 'daemontools'))
    Install-Link '../../../../../../../sbin/daemontools-getpwnam' ([System.IO.Path]::Combine($moduleBin, 'daemontools-getpwnam'))
    $unit = Expand-Template ([System.IO.Path]::Combine($root, 'module', 'boot', 'daemontools.service.in')) '/usr/sbin'
    Install-Text $unit ([System.IO.Path]::Combine($stage, 'usr/lib/systemd/system/daemontools.service')) '0644'
    $size = 0
    foreach ($file in [System.IO.Directory]::GetFiles($stage, '*', [System.IO.SearchOption]::AllDirectories)) { $size += [System.IO.FileInfo]::new($file).Length }
    $control = @(
        'Package: daemontools-powershell'
        "Version: $Version"
        "Architecture: $architecture"
        'Maintainer: The Daemontools for PowerShell authors <daemontools-powershell@users.noreply.github.com>'
        "Installed-Size: $([math]::Ceiling($size / 1024))"
        'Depends: libc6 (>= 2.34)'
        'Conflicts: daemontools-run'
        'Section: admin'
        'Priority: optional'
        'Homepage: https://github.com/daemontools-powershell/daemontools'
        'Description: daemontools 0.76 reimplemented in C#, with a PowerShell module'
        ' svscan, supervise, svc, svstat, svok, multilog, tai64n, tai64nlocal, envdir, envuidgid,'
        ' setuidgid, softlimit, setlock, pgrphack, fghack and readproctitle in /usr/sbin (one'
        ' NativeAOT binary), svscanboot for /etc/service, a systemd unit (not enabled), and the'
        ' Daemontools PowerShell module in /usr/local/share/powershell/Modules.'
    ) -join "`n"
    Install-Text ($control + "`n") ([System.IO.Path]::Combine($stage, 'DEBIAN', 'control')) '0644'
    Invoke-Native 'chmod' @('-R', 'u+rwX,go+rX,go-w', $stage)
    $deb = [System.IO.Path]::Combine($Destination, "daemontools-powershell_${Version}_$architecture.deb")
    Invoke-Native 'dpkg-deb' @('--root-owner-group', '--build', $stage, $deb)
}

if (-not $NoBuild) {
    Invoke-Native 'dotnet' @('build', [System.IO.Path]::Combine($root, 'Daemontools.sln'), '-c', $Configuration)
}

if ($Test) {
    $xunit = Invoke-XunitSuite
    $pester = Invoke-PesterSuite
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    $Host.UI.WriteLine("xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped")
    $Host.UI.WriteLine("$passed passed, $failed failed, $skipped skipped")
    if ($failed -gt 0) { exit 1 }
}

if ($Package) {
    $destination = [System.IO.Path]::Combine($root, 'out', 'packages')
    [System.IO.Directory]::CreateDirectory($destination) | Out-Null
    $version = Get-ModuleVersion
    New-ModulePackage $destination $version
    New-DebianPackage $destination $version
}

if ($Install) {
    $programDir = [System.IO.Path]::Combine($Prefix, $BinDir)
    $stagedPrograms = $DestDir + $programDir

    if (-not $ModulePath) {
        $isRoot = (& id -u) -eq '0'
        $ModulePath = if ($isRoot) { '/usr/local/share/powershell/Modules' }
                      else { [System.IO.Path]::Combine($HOME, '.local', 'share', 'powershell', 'Modules') }
    }
    $version = Get-ModuleVersion
    $moduleDir = [System.IO.Path]::Combine($ModulePath, 'Daemontools', $version)
    $moduleTarget = $DestDir + $moduleDir

    # The module folder, bin/ included, so Start-SvScan finds its own programs; its svscanboot
    # names the installed bin/, not the build's.
    foreach ($file in [System.IO.Directory]::GetFiles($moduleOut, '*', [System.IO.SearchOption]::AllDirectories)) {
        $relative = [System.IO.Path]::GetRelativePath($moduleOut, $file)
        if ([System.IO.File]::GetAttributes($file).HasFlag([System.IO.FileAttributes]::ReparsePoint)) { continue }
        if ($relative -eq [System.IO.Path]::Combine('bin', 'svscanboot')) { continue }
        Install-File $file ([System.IO.Path]::Combine($moduleTarget, $relative)) ''
    }
    foreach ($name in Get-ProgramName) {
        Install-Link 'daemontools' ([System.IO.Path]::Combine($moduleTarget, 'bin', $name))
    }
    $bootDir = [System.IO.Path]::Combine($root, 'module', 'boot')
    $svscanboot = [System.IO.Path]::Combine($bootDir, 'svscanboot.in')
    Install-Text (Expand-Template $svscanboot ([System.IO.Path]::Combine($moduleDir, 'bin'))) ([System.IO.Path]::Combine($moduleTarget, 'bin', 'svscanboot')) '0755'

    # The programs: one copy of the multi-call binary and a link per name, as in the seed's layout.
    Install-File ([System.IO.Path]::Combine($moduleOut, 'bin', 'daemontools')) ([System.IO.Path]::Combine($stagedPrograms, 'daemontools')) '0755'
    # Beside it, the static binary's account-lookup companion (NSS sources it cannot load itself).
    $companion = [System.IO.Path]::Combine($moduleOut, 'bin', 'daemontools-getpwnam')
    if ([System.IO.File]::Exists($companion)) {
        Install-File $companion ([System.IO.Path]::Combine($stagedPrograms, 'daemontools-getpwnam')) '0755'
    }
    foreach ($name in Get-ProgramName) {
        Install-Link 'daemontools' ([System.IO.Path]::Combine($stagedPrograms, $name))
    }

    # svscanboot with this prefix and service directory filled in.
    Install-Text (Expand-Template $svscanboot $programDir) ([System.IO.Path]::Combine($stagedPrograms, 'svscanboot')) '0755'
    if ($PSCmdlet.ShouldProcess($DestDir + $ServiceDirectory, 'create the service directory')) {
        [System.IO.Directory]::CreateDirectory($DestDir + $ServiceDirectory) | Out-Null
    }

    switch ($Boot) {
        'systemd' {
            $unit = Expand-Template ([System.IO.Path]::Combine($bootDir, 'daemontools.service.in')) $programDir
            $unitPath = $DestDir + '/etc/systemd/system/daemontools.service'
            Install-Text $unit $unitPath '0644'
            Write-Done "Installed $unitPath; enable it with: systemctl enable --now daemontools"
        }
        'inittab' {
            $line = (Expand-Template ([System.IO.Path]::Combine($bootDir, 'inittab.in')) $programDir).TrimEnd("`n")
            $inittab = $DestDir + '/etc/inittab'
            $existing = if ([System.IO.File]::Exists($inittab)) { [System.IO.File]::ReadAllText($inittab) } else { '' }
            if (-not $existing.Contains($line) -and $PSCmdlet.ShouldProcess($inittab, "append '$line'")) {
                [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($inittab)) | Out-Null
                [System.IO.File]::AppendAllText($inittab, $line + "`n")
                Write-Done "Appended to $inittab; run 'telinit Q' to start svscanboot"
            }
        }
    }
    Write-Done "Installed the module in $moduleTarget and the programs in $stagedPrograms"
}
