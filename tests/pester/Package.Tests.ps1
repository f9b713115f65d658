#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for the two packages of build.ps1 -Package, each used end to end in a new pwsh:
# the .nupkg installed with Install-PSResource from a local repository (HOME is a temp folder, so
# nothing lands in the machine's module folders), and the .deb unpacked into a staging root (never
# the machine's /usr). Each imports the module, runs a tree with Start-SvScan, stops it with
# Stop-SvScan, and nothing is left running.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    $packages = Join-Path (Get-RepoRoot) 'out/packages'
    & (Join-Path (Get-RepoRoot) 'build.ps1') -Package -NoBuild -Confirm:$false | Out-Null
    $version = (Import-PowerShellDataFile (Get-BuiltModule)).ModuleVersion
    $nupkg = Join-Path $packages "Daemontools.$version.nupkg"
    $deb = Get-ChildItem $packages -Filter "daemontools-powershell_$($version)_*.deb" | Select-Object -ExpandProperty FullName

    # What a new pwsh reports after it started and stopped a tree with the module it imported.
    $treeScript = {
        param([string] $Import, [string] $Tree)
        $ErrorActionPreference = 'Stop'
        $module = Import-Module $Import -PassThru
        $service = Join-Path $Tree 'service'
        $scan = Start-SvScan $service -LogPath (Join-Path $Tree 'svscan.log')
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-Content (Join-Path $service 'a/log/main/current') -ErrorAction Ignore) -ne 'a started') {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'the tree did not start' }
            Start-Sleep -Milliseconds 20
        }
        # .NET calls rather than cmdlets over /proc: fast on a loaded machine with thousands of processes.
        $children = foreach ($proc in [IO.Directory]::EnumerateDirectories('/proc')) {
            if ([IO.Path]::GetFileName($proc) -notmatch '^\d+$') { continue }
            try { $stat = [IO.File]::ReadAllText("$proc/stat") } catch { continue }
            if ([int]$stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')[1] -eq $scan.ProcessId) { $proc }
        }
        $report = [ordered]@{
            ModuleBase  = $module.ModuleBase
            Session     = [int](Get-Content -Raw "/proc/$($scan.ProcessId)/stat").Split(') ')[1].Split(' ')[3]
            Scanner     = (Get-Item "/proc/$($scan.ProcessId)/exe").LinkTarget
            Supervisors = @($children | ForEach-Object { [IO.FileInfo]::new("$_/exe").LinkTarget })
            State       = "$((Get-SvStat "$service/a").State)"
            Killed      = ($scan | Stop-SvScan -Timeout 30).Killed
            Scanning    = Test-Path "/proc/$($scan.ProcessId)"
            Log         = @(Get-Content (Join-Path $service 'a/log/main/current'))
        }
        $report | ConvertTo-Json -Compress
    }

    function Invoke-Tree([string] $Import, [hashtable] $Environment = @{}) {
        $tree = New-TestTree
        New-TestService (Join-Path $tree 'service/a') "echo a started`nexec sleep 1000" 'exec multilog ./main'
        $command = "& { $treeScript } -Import '$Import' -Tree '$tree'"
        $ran = Invoke-TestPwsh -Command $command -Environment $Environment
        if ($ran.ExitCode -ne 0) { throw "pwsh failed ($($ran.ExitCode)): $($ran.Error)$($ran.Output)" }
        $report = ($ran.Output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
        $report | Add-Member -NotePropertyName Left -NotePropertyValue @(Get-SessionMember $report.Session)
        Stop-Session $report.Session
        Remove-Item -Recurse -Force $tree
        $report
    }

    # What every install must show: the tree ran on the install's own binary, came up, and went down leaving nothing.
    function Assert-TreeRan($Report, [string] $ModuleBase, [string] $Binary) {
        $Report.ModuleBase | Should -Be $ModuleBase
        $Report.Scanner | Should -Be $Binary
        $Report.Supervisors | Should -Be @($Binary, $Binary)
        $Report.State | Should -Be 'Up'
        $Report.Killed | Should -BeFalse
        $Report.Scanning | Should -BeFalse
        $Report.Left | Should -BeNullOrEmpty
        $Report.Log | Should -Be @('a started')
    }
}

Describe 'The PSResourceGet package' {
    BeforeAll {
        $privateHome = Join-Path ([IO.Path]::GetTempPath()) ('dt-home-' + [guid]::NewGuid())
        # A private HOME: the repository registration and the CurrentUser install stay in it. The
        # XDG folders must exist: .NET reports a missing one as '', and PSResourceGet would then
        # register the repository in ./PSResourceGet of the current directory.
        foreach ($folder in '.local/share', '.config', '.cache') { New-Item -ItemType Directory -Path (Join-Path $privateHome $folder) | Out-Null }
        $private = @{ HOME = $privateHome; XDG_DATA_HOME = "$privateHome/.local/share"; XDG_CONFIG_HOME = "$privateHome/.config"; XDG_CACHE_HOME = "$privateHome/.cache"; PSModulePath = '' }
        $install = "Register-PSResourceRepository -Name DaemontoolsLocal -Uri '$packages' -Trusted; Install-PSResource -Name Daemontools -Repository DaemontoolsLocal -Scope CurrentUser -TrustRepository -Quiet; (Get-InstalledPSResource Daemontools).InstalledLocation"
        $installed = Invoke-TestPwsh -Command $install -Environment $private
        if ($installed.ExitCode -ne 0) { throw "Install-PSResource failed: $($installed.Error)" }
        $moduleBase = Join-Path $privateHome ".local/share/powershell/Modules/Daemontools/$version"
    }

    AfterAll {
        Remove-Item -Recurse -Force $privateHome -ErrorAction Ignore
    }

    It 'registers the repository in the private HOME only' {
        Join-Path $privateHome '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist
        Join-Path (Get-Location) 'PSResourceGet' | Should -Not -Exist
    }

    It 'ships the native binary once, without links or copies' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $bin = @($zip.Entries | Where-Object FullName -like 'bin/*' | ForEach-Object FullName | Sort-Object)
            # The binary and its small account-lookup companion, nothing else.
            $bin | Should -Be @('bin/daemontools', 'bin/daemontools-getpwnam')
        }
        finally { $zip.Dispose() }
        (Get-Item $nupkg).Length | Should -BeLessThan 4MB
    }

    It 'installs without links or execute bit, as PSResourceGet does' {
        Join-Path $moduleBase 'bin/daemontools' | Should -Exist
        Join-Path $moduleBase 'bin/svscan' | Should -Not -Exist
        (Get-Item (Join-Path $moduleBase 'bin/daemontools')).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeFalse
    }

    It 'refuses with ModuleProgramUnavailable where the install is read-only, and starts nothing' {
        $tree = New-TestTree
        New-TestService (Join-Path $tree 'service/a') 'exec sleep 1000'
        $script = Join-Path $tree 'start.ps1'
        "Import-Module '$moduleBase/Daemontools.psd1'; try { Start-SvScan '$tree/service' -LogPath '$tree/svscan.log' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }; try { New-SvService b 'exec sleep 1000' -Path '$tree/sv' } catch { `$_.FullyQualifiedErrorId }" | Set-Content $script
        # A read-only bind mount of the module folder, in a mount namespace of its own.
        $pwsh = (@(Get-PwshCommand) | ForEach-Object { "'$_'" }) -join ' '
        $out = & unshare --mount --propagation private sh -c "mount --bind -o ro '$moduleBase' '$moduleBase' && exec $pwsh -NoProfile -NonInteractive -File '$script'" 2>&1
        $LASTEXITCODE | Should -Be 0
        $out[0] | Should -Be 'ModuleProgramUnavailable,Daemontools.PowerShell.StartSvScan'
        "$out" | Should -Match 'cannot be run'
        # New-SvService would write run scripts naming programs that cannot run: refused as well.
        $out[-1] | Should -Be 'ModuleProgramUnavailable,Daemontools.PowerShell.NewSvService'
        Join-Path $tree 'sv/b' | Should -Not -Exist
        Join-Path $tree 'service/.svscan.lock' | Should -Not -Exist
        Join-Path $tree 'service/a/supervise' | Should -Not -Exist
        Join-Path $moduleBase 'bin/svscan' | Should -Not -Exist
        Remove-Item -Recurse -Force $tree
    }

    It 'completes bin/ on import and runs a tree with its own programs, leaving nothing running' {
        $binary = Join-Path $moduleBase 'bin/daemontools'
        Assert-TreeRan (Invoke-Tree -Import 'Daemontools' -Environment $private) -ModuleBase $moduleBase -Binary $binary
        (Get-Item (Join-Path $moduleBase 'bin/svscan')).LinkTarget | Should -Be 'daemontools'
        (Get-Item $binary).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
        (Get-Item (Join-Path $moduleBase 'bin/daemontools-getpwnam')).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
        Get-Content (Join-Path $moduleBase 'bin/svscanboot') | Should -Contain "PATH=$moduleBase/bin:/usr/local/bin:/usr/local/sbin:/bin:/sbin:/usr/bin:/usr/sbin"
    }

    # Last in this Describe: it replaces the installed version.
    It 'keeps a service New-SvService made running after Update-PSResource and Uninstall-PSResource of its version' {
        $tree = New-TestTree
        $shared = Join-Path (Split-Path $moduleBase) 'bin'
        # Made under this version: envdir in ./run and multilog in ./log/run, named where an update leaves them.
        $make = "`$ErrorActionPreference = 'Stop'; Import-Module Daemontools; New-SvService kept 'sh -c ''echo kept `$X; exec sleep 1000''' -Path '$tree/sv' -Environment @{ X = 'ran' } -Log | Out-Null"
        $made = Invoke-TestPwsh -Command $make -Environment $private
        $made.ExitCode | Should -Be 0 -Because $made.Error
        $named = @(Get-Content "$tree/sv/kept/run", "$tree/sv/kept/log/run" | ForEach-Object { $_ -split '\s+' } | ForEach-Object { $_.Trim("'") } | Where-Object { $_ -like '/*/bin/*' })
        $named | Should -Be @("$shared/envdir", "$shared/multilog")

        # The next version, made as build.ps1 -Package made this one, in a repository of its own.
        $current = [version]$version
        $nextVersion = "$($current.Major).$($current.Minor).$($current.Build + 1)"
        $stage = Join-Path $tree 'next/Daemontools'
        New-Item -ItemType Directory -Path (Split-Path $stage), "$tree/next-repo" | Out-Null
        Copy-Item -Recurse (Join-Path (Get-RepoRoot) 'out/package/Daemontools') $stage
        $manifest = Join-Path $stage 'Daemontools.psd1'
        (Get-Content -Raw $manifest) -replace "(ModuleVersion\s*=\s*)'$([regex]::Escape($version))'", "`${1}'$nextVersion'" | Set-Content -NoNewline $manifest
        (Import-PowerShellDataFile $manifest).ModuleVersion | Should -Be $nextVersion
        Compress-PSResource -Path $stage -DestinationPath "$tree/next-repo"
        $replace = "`$ErrorActionPreference = 'Stop'; Register-PSResourceRepository -Name DaemontoolsNext -Uri '$tree/next-repo' -Trusted; Update-PSResource -Name Daemontools -Repository DaemontoolsNext -Scope CurrentUser -TrustRepository -Quiet; Uninstall-PSResource -Name Daemontools -Version '$version' -Scope CurrentUser; @(Get-InstalledPSResource Daemontools).ForEach({ `$_.Version.ToString() })"
        $replaced = Invoke-TestPwsh -Command $replace -Environment $private
        $replaced.ExitCode | Should -Be 0 -Because $replaced.Error
        $replaced.Output.Trim() | Should -Be $nextVersion
        $moduleBase | Should -Not -Exist
        # Before any import of the new version: every program the scripts name is still there.
        foreach ($program in $named) { (Get-Item $program).ResolveLinkTarget($true).FullName | Should -Be "$shared/daemontools" }

        # Under the new version's svscan, the service runs and logs through those programs.
        $run = @"
`$ErrorActionPreference = 'Stop'
`$module = Import-Module Daemontools -PassThru
Enable-SvService '$tree/sv/kept' -ScanDirectory '$tree/service' | Out-Null
`$scan = Start-SvScan '$tree/service' -LogPath '$tree/svscan.log'
`$deadline = [DateTime]::UtcNow.AddSeconds(30)
while (-not ((Get-Content '$tree/sv/kept/log/main/current' -ErrorAction Ignore) -like '* kept ran')) {
    if ([DateTime]::UtcNow -gt `$deadline) { throw 'the service did not log' }
    Start-Sleep -Milliseconds 20
}
`$logger = (Get-SvStat '$tree/service/kept/log').ProcessId
[ordered]@{
    Version = `$module.Version.ToString()
    Session = [int](Get-Content -Raw "/proc/`$(`$scan.ProcessId)/stat").Split(') ')[1].Split(' ')[3]
    State   = "`$((Get-SvStat '$tree/service/kept').State)"
    Logger  = (Get-Item "/proc/`$logger/exe").LinkTarget
    Killed  = (`$scan | Stop-SvScan -Timeout 30).Killed
} | ConvertTo-Json -Compress
"@
        $ran = Invoke-TestPwsh -Command $run -Environment $private
        $report = ($ran.Output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
        if ($report) {
            $left = @(Get-SessionMember $report.Session)
            Stop-Session $report.Session
        }
        $ran.ExitCode | Should -Be 0 -Because "$($ran.Error)$($ran.Output)"
        $report.Version | Should -Be $nextVersion
        $report.State | Should -Be 'Up'
        $report.Logger | Should -Be "$shared/daemontools"
        $report.Killed | Should -BeFalse
        $left | Should -BeNullOrEmpty
        Remove-Item -Recurse -Force $tree
    }
}

Describe 'The Debian package' {
    BeforeAll {
        $stage = Join-Path ([IO.Path]::GetTempPath()) ('dt-deb-' + [guid]::NewGuid())
        & dpkg-deb -x $deb $stage
        $moduleBase = Join-Path $stage "usr/local/share/powershell/Modules/Daemontools/$version"
    }

    AfterAll {
        Remove-Item -Recurse -Force $stage -ErrorAction Ignore
    }

    It 'describes itself and is accepted by apt-get install' {
        & dpkg-deb -f $deb Package | Should -Be 'daemontools-powershell'
        & dpkg-deb -f $deb Version | Should -Be $version
        & dpkg-deb -f $deb Depends | Should -Match '^libc6'
        $simulated = & apt-get install --simulate $deb 2>&1
        $LASTEXITCODE | Should -Be 0
        "$simulated" | Should -Match 'Inst daemontools-powershell'
    }

    It 'lays out the seed''s FHS tree with the binary once' {
        Join-Path $stage 'usr/sbin/daemontools' | Should -Exist
        foreach ($name in 'svscan', 'supervise', 'svc', 'svstat', 'multilog', 'tai64nlocal', 'readproctitle') {
            (Get-Item (Join-Path $stage "usr/sbin/$name")).LinkTarget | Should -Be 'daemontools'
        }
        Join-Path $stage 'etc/service' | Should -Exist
        Get-Content (Join-Path $stage 'usr/sbin/svscanboot') | Should -Contain 'PATH=/usr/sbin:/usr/local/bin:/usr/local/sbin:/bin:/sbin:/usr/bin:/usr/sbin'
        Get-Content (Join-Path $stage 'usr/lib/systemd/system/daemontools.service') | Should -Contain 'ExecStart=/usr/sbin/svscan /etc/service'
        (Get-Item (Join-Path $moduleBase 'bin/daemontools')).LinkTarget | Should -Be '../../../../../../../sbin/daemontools'
        (Get-Item (Join-Path $moduleBase 'bin/daemontools-getpwnam')).LinkTarget | Should -Be '../../../../../../../sbin/daemontools-getpwnam'
        (Get-Item (Join-Path $stage 'usr/sbin/daemontools-getpwnam')).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
        @(Get-ChildItem -Recurse -File $stage | Where-Object Length -gt 1MB).Count | Should -Be 1
    }

    It 'installs with apt-get install into an overlay of this machine''s root, and runs a tree from the FHS module path' {
        # A real `apt-get install ./file.deb`, made in a mount namespace of its own where / is an
        # overlay whose changes go to a tmpfs: dpkg's database and /usr/sbin change in there only.
        $work = Join-Path ([IO.Path]::GetTempPath()) ('dt-apt-' + [guid]::NewGuid())
        New-Item -ItemType Directory -Path "$work/in", "$work/ov" | Out-Null
        Copy-Item $deb "$work/in/package.deb"
        $pwsh = @(Get-PwshCommand)
        $runtime = (Get-Item ([Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory())).Parent.Parent.Parent.FullName
        # What the chroot needs beyond the root file system: this pwsh, its runtime, the package.
        $binds = @((Get-RepoRoot), $PSHOME, $runtime, "$work/in") + @($pwsh | ForEach-Object { Split-Path $_ }) | Select-Object -Unique
        $treeCommand = @"
New-Item -ItemType Directory -Path /tmp/tree/service/a/log -Force | Out-Null
Set-Content /tmp/tree/service/a/run "#!/bin/sh``necho a started``nexec sleep 1000"; chmod 755 /tmp/tree/service/a/run
Set-Content /tmp/tree/service/a/log/run "#!/bin/sh``nexec multilog ./main"; chmod 755 /tmp/tree/service/a/log/run
& { $treeScript } -Import Daemontools -Tree /tmp/tree
"@
        Set-Content "$work/in/tree.ps1" $treeCommand
        $quotedPwsh = ($pwsh | ForEach-Object { "'$_'" }) -join ' '
        Set-Content "$work/in/inside.sh" @"
set -e
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
apt-get install -y $work/in/package.deb
exec $quotedPwsh -NoProfile -NonInteractive -File $work/in/tree.ps1
"@
        $mounts = ($binds | ForEach-Object { "mkdir -p '$work/ov/root$_' && mount --bind '$_' '$work/ov/root$_'" }) -join "`n"
        Set-Content "$work/outside.sh" @"
set -e
mount -t tmpfs tmpfs '$work/ov'
mkdir '$work/ov/upper' '$work/ov/work' '$work/ov/root'
mount -t overlay overlay -o 'lowerdir=/,upperdir=$work/ov/upper,workdir=$work/ov/work' '$work/ov/root'
for m in /proc /dev /sys; do mount --rbind `$m '$work/ov/root'`$m; done
$mounts
exec chroot '$work/ov/root' /bin/sh '$work/in/inside.sh'
"@
        $installedBefore = Test-Path /usr/sbin/daemontools
        try {
            $out = & unshare --mount --propagation private sh "$work/outside.sh" 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "$out"
            "$out" | Should -Match 'Setting up daemontools-powershell'
            $report = (@($out | ForEach-Object { "$_" }) | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
            $left = @(Get-SessionMember $report.Session)
            Stop-Session $report.Session
            $report.ModuleBase | Should -Be "/usr/local/share/powershell/Modules/Daemontools/$version"
            $report.Scanner | Should -Be '/usr/sbin/daemontools'
            $report.Supervisors | Should -Be @('/usr/sbin/daemontools', '/usr/sbin/daemontools')
            $report.State | Should -Be 'Up'
            $report.Killed | Should -BeFalse
            $report.Scanning | Should -BeFalse
            $report.Log | Should -Be @('a started')
            $left | Should -BeNullOrEmpty
        }
        finally {
            # The namespace, its mounts and the tmpfs went with its last process.
            Test-Path /usr/sbin/daemontools | Should -Be $installedBefore
            Remove-Item -Recurse -Force $work
        }
    }

    It 'runs a tree with the packaged programs, leaving nothing running' {
        Assert-TreeRan (Invoke-Tree -Import (Join-Path $moduleBase 'Daemontools.psd1')) -ModuleBase $moduleBase -Binary (Join-Path $stage 'usr/sbin/daemontools')
    }

    It 'writes run scripts that name the programs in the system folder, not the versioned module folder' {
        $tree = New-TestTree
        $make = "`$ErrorActionPreference = 'Stop'; Import-Module '$moduleBase/Daemontools.psd1'; New-SvService kept 'exec sleep 1000' -Path '$tree/sv' -Environment @{ X = '1' } -Log | Out-Null"
        $made = Invoke-TestPwsh -Command $make
        $made.ExitCode | Should -Be 0 -Because $made.Error
        $named = @(Get-Content "$tree/sv/kept/run", "$tree/sv/kept/log/run" | ForEach-Object { $_ -split '\s+' } | ForEach-Object { $_.Trim("'") } | Where-Object { $_ -like '/*/envdir' -or $_ -like '/*/multilog' })
        $named | Should -Be @("$stage/usr/sbin/envdir", "$stage/usr/sbin/multilog")
        Remove-Item -Recurse -Force $tree
    }
}
